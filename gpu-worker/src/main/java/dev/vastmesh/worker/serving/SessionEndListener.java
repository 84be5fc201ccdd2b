package dev.vastmesh.worker.serving;

import dev.vastmesh.worker.config.WorkerProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Connector;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Vast's optional second listener ({@code WORKER_HTTP_PORT}): plain HTTP beside a TLS port, so a
 * client can end its session without TLS. It serves {@code /session/end} and nothing else.
 * On when {@code vastmesh.worker.sessions.end-port} is set (with {@code USE_SSL=true} it defaults
 * to {@code WORKER_HTTP_PORT}, else the worker port + 1).
 */
@Configuration(proxyBeanMethods = false)
class SessionEndListener {

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> sessionEndConnector(WorkerProperties properties) {
    return factory -> {
      int port = properties.sessions().endPort();
      if (port > 0) {
        Connector connector = new Connector();
        connector.setPort(port);
        factory.addAdditionalConnectors(connector);
      }
    };
  }

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> sessionEndOnly(WorkerProperties properties) {
    int port = properties.sessions().endPort();
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        if (port > 0 && request.getLocalPort() == port && !request.getRequestURI().equals("/session/end")) {
          response.setStatus(404);
          response.setContentType("application/json");
          response.getOutputStream().write("{\"error\":\"this port serves /session/end only\"}".getBytes(StandardCharsets.UTF_8));
          return;
        }
        chain.doFilter(request, response);
      }
    });
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    registration.setEnabled(port > 0);
    return registration;
  }
}
