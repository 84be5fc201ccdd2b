package dev.vastmesh.worker.serving;

import dev.vastmesh.support.problem.Problem;
import dev.vastmesh.worker.config.WorkerProperties;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.server.WebFilter;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Vast's optional second listener ({@code WORKER_HTTP_PORT}): plain HTTP beside a TLS port, so a
 * client can end its session without TLS. It serves {@code /session/end} and nothing else: it runs
 * the application's WebFlux handler (not the serving routes), and a filter answers 404 there for
 * any other path. On when {@code vastmesh.worker.sessions.end-port} is set (with
 * {@code USE_SSL=true} it defaults to {@code WORKER_HTTP_PORT}, else the worker port + 1).
 */
@Configuration(proxyBeanMethods = false)
class SessionEndListener {

  private static final Problem END_ONLY = new Problem(HttpStatus.NOT_FOUND, "not-found", "Not found",
      "this port serves /session/end only");

  @Bean
  SmartLifecycle sessionEndServer(WorkerProperties properties, ObjectProvider<HttpHandler> application) {
    int port = properties.sessions().endPort();
    return new SmartLifecycle() {
      private volatile @Nullable DisposableServer server;

      @Override
      public void start() {
        if (port > 0) {
          server = HttpServer.create().port(port).handle(new ReactorHttpHandlerAdapter(application.getObject())).bindNow();
        }
      }

      @Override
      public void stop() {
        DisposableServer running = server;
        if (running != null) {
          running.disposeNow();
          server = null;
        }
      }

      @Override
      public boolean isRunning() {
        return server != null;
      }
    };
  }

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  WebFilter sessionEndOnly(WorkerProperties properties) {
    int port = properties.sessions().endPort();
    return (exchange, chain) -> {
      InetSocketAddress local = exchange.getRequest().getLocalAddress();
      if (port > 0 && local != null && local.getPort() == port && !exchange.getRequest().getPath().value().equals("/session/end")) {
        return ProblemResponses.write(exchange.getResponse(), END_ONLY);
      }
      return chain.filter(exchange);
    };
  }
}
