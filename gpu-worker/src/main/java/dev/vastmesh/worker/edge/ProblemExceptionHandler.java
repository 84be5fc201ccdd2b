package dev.vastmesh.worker.edge;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Errors after which there is nothing left to say, dropped at DEBUG before the worker's problem
 * handler ({@code WorkerErrors}) would log them at ERROR: the client has gone, or the HTTP codec
 * has already answered the request itself (its chunk framing broke while the body was read).
 * Both are the caller's doing. Every other error goes on to that handler.
 */
final class ProblemExceptionHandler implements WebExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
    ServerHttpResponse response = exchange.getResponse();
    if (clientGone(error) || alreadyAnsweredByTheCodec(response)) {
      log.debug("error with the client gone or the request answered already: {}", error.toString());
      return Mono.empty();
    }
    return Mono.error(error);
  }

  private static boolean clientGone(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof AbortedException || AbortedException.isConnectionReset(cause)) {
        return true;
      }
    }
    return false;
  }

  private static boolean alreadyAnsweredByTheCodec(ServerHttpResponse response) {
    try {
      return ServerHttpResponseDecorator.getNativeResponse(response) instanceof HttpServerResponse netty
          && netty.hasSentHeaders();
    } catch (IllegalArgumentException notNetty) {
      return false;
    }
  }
}
