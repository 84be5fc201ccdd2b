package dev.vastmesh.worker.serving;

import dev.vastmesh.support.problem.Problem;
import dev.vastmesh.support.problem.ProblemJson;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * The worker's own endpoints (sessions, the end-only port, unknown paths, the framework's errors)
 * answer RFC 9457 problems of the shared vocabulary; only the serving routes speak Vast's bodies.
 */
final class ProblemResponses {

  private ProblemResponses() {
  }

  static ResponseEntity<byte[]> entity(Problem problem) {
    ResponseEntity.BodyBuilder answer = ResponseEntity.status(problem.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
    problem.headers().forEach(answer::header);
    return answer.body(ProblemJson.bytes(problem));
  }

  static Mono<Void> write(ServerHttpResponse response, Problem problem) {
    byte[] body = ProblemJson.bytes(problem);
    response.setStatusCode(problem.status());
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    response.getHeaders().setContentLength(body.length);
    problem.headers().forEach(response.getHeaders()::add);
    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
  }
}
