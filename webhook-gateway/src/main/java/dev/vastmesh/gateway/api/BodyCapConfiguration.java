package dev.vastmesh.gateway.api;

import dev.vastmesh.gateway.config.Sources;
import dev.vastmesh.support.web.RequestSizeLimitFilter;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The cap on every path, actuator included, is the largest of the sources' own caps (each
 * webhook is then held to its source's cap as it is read): no other endpoint takes a body.
 */
@Configuration(proxyBeanMethods = false)
class BodyCapConfiguration {

  /** What an unknown source's webhook is read up to before it is answered 404. */
  static final int UNKNOWN_SOURCE_BYTES = 64 * 1024;

  @Bean
  RequestSizeLimitFilter requestSizeLimitFilter(Sources sources) {
    int largest = sources.names().stream().map(sources::find).flatMap(Optional::stream)
        .mapToInt(source -> source.config().maxBodyBytes()).max().orElse(0);
    return new RequestSizeLimitFilter(Math.max(largest, UNKNOWN_SOURCE_BYTES));
  }
}
