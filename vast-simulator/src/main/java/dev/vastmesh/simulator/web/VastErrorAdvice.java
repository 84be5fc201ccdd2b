package dev.vastmesh.simulator.web;

import dev.vastmesh.simulator.account.VastApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Errors of the Vast-compatible controllers in Vast's shape. It stands before the problem advice
 * every vastmesh service has, and only for controllers marked {@link VastApi}; the admin API keeps
 * answering RFC 9457 problems.
 */
@RestControllerAdvice(annotations = VastApi.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class VastErrorAdvice {

  private static final Logger log = LoggerFactory.getLogger(VastErrorAdvice.class);

  @ExceptionHandler(VastError.class)
  ResponseEntity<Object> vast(VastError error) {
    log.debug("answered {} {}", error.status(), error.body().get("error"));
    return ResponseEntity.status(error.status()).contentType(MediaType.APPLICATION_JSON).body(error.body());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Object> unreadable(HttpMessageNotReadableException e) {
    return vast(VastError.invalidArgs("The request body is not valid JSON for this call."));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Object> mismatch(MethodArgumentTypeMismatchException e) {
    return vast(VastError.invalidArgs("Invalid value for " + e.getName() + "."));
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<Object> missing(MissingServletRequestParameterException e) {
    return vast(VastError.invalidArgs("Missing parameter " + e.getParameterName() + "."));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> other(Exception e) {
    if (e instanceof ErrorResponse framework) {
      int status = framework.getStatusCode().value();
      return vast(VastError.of(status, status == 405 ? "method_not_allowed" : "invalid_request", framework.getBody().getTitle()));
    }
    log.error("unexpected error", e);
    return vast(VastError.of(500, "server_error", "Internal server error."));
  }
}
