package dev.vastmesh.registry.api;

import dev.vastmesh.support.web.RequestSizeLimitFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

  /** Registrations are small; a megabyte "registration" is an attack or a bug. */
  @Bean
  RequestSizeLimitFilter requestSizeLimitFilter(@Value("${vastmesh.registry.max-request-bytes:65536}") long limit) {
    return new RequestSizeLimitFilter(limit);
  }
}
