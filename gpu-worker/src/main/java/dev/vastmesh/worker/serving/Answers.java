package dev.vastmesh.worker.serving;

import dev.vastmesh.support.problem.Problem;
import dev.vastmesh.support.problem.ProblemJson;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The worker's own answers on the serving routes, as bytes rendered once: the protocol's
 * {@code {"error": ...}} bodies, and for a body over the cap an RFC 9457 problem with the
 * protocol's error member beside the problem's, for Vast-style clients.
 */
final class Answers {

  static final String JSON = "application/json";
  static final byte[] INVALID_JSON = bytes("{\"error\":\"invalid JSON\"}");
  static final byte[] INVALID_SESSION = bytes("{\"error\":\"invalid session\"}");
  static final byte[] QUEUE_FULL = bytes("{\"error\":\"estimated queue time exceeds the handler's maximum\"}");
  static final byte[] POST_ONLY = ProblemJson.bytes(new Problem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
      "Method not allowed", "a handler route takes POST only"));
  static final byte[] UPSTREAM_UNAVAILABLE = bytes("{\"error\":\"model server unavailable\"}");

  private Answers() {
  }

  static byte[] tooLarge(int maxBytes) {
    return ProblemJson.bytes(Problem.payloadTooLarge(maxBytes).property("error", "request body too large"));
  }

  /** An answer before anything was forwarded, counted under {@code outcome}. */
  static Mono<Void> respond(ServedRoute route, HttpServerResponse response, int code, String contentType, byte[] body, String outcome) {
    route.count(outcome);
    return write(response, code, contentType, body);
  }

  static Mono<Void> refuseTooLarge(ServedRoute route, HttpServerResponse response) {
    // The unread rest of the body is not worth reading to keep the connection.
    response.keepAlive(false);
    return respond(route, response, 413, ProblemJson.MEDIA_TYPE, route.tooLarge(), "too_large");
  }

  static Mono<Void> write(HttpServerResponse response, int code, String contentType, byte[] body) {
    return response.status(code).header(HttpHeaderNames.CONTENT_TYPE, contentType)
        .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length)).sendByteArray(Mono.just(body)).then();
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
