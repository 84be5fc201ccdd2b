package dev.vastmesh.gateway.api;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A 413 closes the connection at once. By default Tomcat swallows what is left of a refused
 * body before it finishes the connection — up to 2 MB, waiting for the client to send it — so
 * a sender that declared 100 MB and paused held the connection (and learnt nothing) for the
 * whole connection timeout. Without the swallow, the answer is sent and the connection closed.
 */
@Configuration(proxyBeanMethods = false)
class OversizedBodyConfiguration {

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> closeOnOversizedBody() {
    return factory -> factory.addContextCustomizers(context -> context.setSwallowAbortedUploads(false));
  }
}
