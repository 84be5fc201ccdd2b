package dev.vastmesh.worker.edge;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.util.unit.DataSize;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.server.WebFilter;
import reactor.netty.NettyPipeline;

/** What every request to the worker meets first; see the package description. */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

  @Bean
  NettyServerCustomizer codecFailureProblems() {
    CodecFailureProblems handler = new CodecFailureProblems();
    return server -> server.doOnChannelInit((observer, channel, address) -> {
      if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
        channel.pipeline().addAfter(NettyPipeline.HttpCodec, CodecFailureProblems.NAME, handler);
      }
    });
  }

  /** Before the worker's problem handler (order -2), which logs what reaches it at ERROR. */
  @Bean
  @Order(-3)
  WebExceptionHandler problemExceptionHandler() {
    return new ProblemExceptionHandler();
  }

  /** First of the WebFlux filters: nothing may read a body before its size is known to be fine. */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  WebFilter bodyCap(@Value("${spring.codec.max-in-memory-size:256KB}") DataSize limit) {
    return new BodyCapFilter(limit.toBytes());
  }
}
