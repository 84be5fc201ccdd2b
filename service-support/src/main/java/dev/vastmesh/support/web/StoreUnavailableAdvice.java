package dev.vastmesh.support.web;

import dev.vastmesh.support.problem.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The store (Redis) unreachable or timing out, as Spring Data reports it: nothing was written,
 * and the caller's retry will be processed, so 503 with Retry-After rather than a 500. Ordered
 * before {@link ProblemAdvice}, whose catch-all would otherwise answer it.
 */
@RestControllerAdvice
public class StoreUnavailableAdvice implements Ordered {

  private static final Logger log = LoggerFactory.getLogger(StoreUnavailableAdvice.class);

  @ExceptionHandler(DataAccessException.class)
  ResponseEntity<?> storeUnavailable(DataAccessException e) {
    return answer(e);
  }

  static ResponseEntity<?> answer(RuntimeException e) {
    // The class only: a driver's message can carry the store's address.
    log.warn("store unavailable: {}", e.getClass().getSimpleName());
    return ProblemAdvice.respond(Problem.storeUnavailable());
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
