package dev.vastmesh.worker.edge;

import dev.vastmesh.support.problem.Problem;
import dev.vastmesh.support.problem.ProblemJson;
import dev.vastmesh.support.problem.StatusProblems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.server.HttpServerResponse;

/**
 * WebFlux's errors (no such path, method not allowed, unreadable input) as RFC 9457 problems
 * of the shared vocabulary, in place of Boot's default error JSON; refusals logged at DEBUG, and
 * only a failure of ours (a 5xx) at ERROR with its stack trace. When the HTTP codec has already
 * answered the request itself (its chunk framing broke while the body was read), or the client
 * has gone, there is nothing left to say and the error is the caller's: it is dropped at DEBUG.
 */
final class ProblemExceptionHandler implements WebExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
    ServerHttpResponse response = exchange.getResponse();
    if (response.isCommitted() || alreadyAnsweredByTheCodec(response) || clientGone(error)) {
      log.debug("error after the answer was sent, or with the client gone: {}", error.toString());
      return Mono.empty();
    }
    Problem problem = switch (error) {
      case Problem refusal -> refusal;
      case ResponseStatusException status when !status.getStatusCode().is5xxServerError() ->
          StatusProblems.of(status.getStatusCode().value());
      default -> {
        log.error("unexpected error", error);
        yield Problem.internal();
      }
    };
    if (!problem.status().is5xxServerError()) {
      log.debug("refused with {} {}", problem.status().value(), problem.kind());
    }
    byte[] body = ProblemJson.bytes(problem);
    response.setStatusCode(problem.status());
    problem.headers().forEach(response.getHeaders()::set);
    response.getHeaders().set(HttpHeaders.CONTENT_TYPE, ProblemJson.MEDIA_TYPE);
    response.getHeaders().setContentLength(body.length);
    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
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
