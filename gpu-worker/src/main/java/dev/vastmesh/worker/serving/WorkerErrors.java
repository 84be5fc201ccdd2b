package dev.vastmesh.worker.serving;

import dev.vastmesh.support.problem.Problem;
import dev.vastmesh.support.problem.ProblemTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Every error WebFlux raises on the worker's own endpoints as a problem: an unknown path (404,
 * a POST to one counted as an unknown route), a wrong method (405), an unsupported body (415), a
 * session body over {@code spring.codec.max-in-memory-size} (413), a failure (500, logged, its
 * body saying nothing). Ahead of Boot's error handler, which would answer its own JSON.
 */
@Component
@Order(-2)
class WorkerErrors implements WebExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(WorkerErrors.class);

  private static final Problem NOT_FOUND = new Problem(HttpStatus.NOT_FOUND, "not-found", "Not found",
      "no handler route or worker endpoint at this path; the worker serves its configured routes and /session/*");

  private final Counter unknownRoutes;

  WorkerErrors(MeterRegistry meters) {
    // One label for every unknown path: the label set stays bounded whatever clients send.
    this.unknownRoutes = Counter.builder("vastmesh.worker.requests").description("requests by route and outcome")
        .tag("route", "unknown").tag("outcome", "unknown_route").register(meters);
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
    if (exchange.getResponse().isCommitted()) {
      return Mono.error(error);
    }
    return ProblemResponses.write(exchange.getResponse(), problem(exchange, error));
  }

  private Problem problem(ServerWebExchange exchange, Throwable error) {
    if (causeIs(error, DataBufferLimitException.class)) {
      return new Problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
          "the request body exceeds the limit of the worker's own endpoints");
    }
    if (!(error instanceof ResponseStatusException refused) || refused.getStatusCode().is5xxServerError()) {
      log.error("unexpected error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error);
      return Problem.internal();
    }
    int status = refused.getStatusCode().value();
    if (status == 404) {
      if (HttpMethod.POST.equals(exchange.getRequest().getMethod())) {
        unknownRoutes.increment();
      }
      // A fixed detail: the framework's names the path, which is the caller's input.
      return NOT_FOUND;
    }
    HttpStatus known = HttpStatus.resolve(status);
    String title = known == null ? "Refused" : known.getReasonPhrase();
    return new Problem(known == null ? HttpStatus.BAD_REQUEST : known, ProblemTypes.kindOf(status), title, title);
  }

  private static boolean causeIs(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
