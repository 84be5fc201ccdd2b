package dev.vastmesh.registry.api;

import dev.vastmesh.registry.security.AccessDeniedException;
import dev.vastmesh.registry.security.AuthenticationException;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Every error the registry answers is an RFC 9457 problem with a stable type URI. 4xx are the
 * caller's and logged at DEBUG (WARN for auth failures, which may be attacks); 5xx are ours and
 * logged with their stack trace.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

  @ExceptionHandler(InvalidRequestException.class)
  ResponseEntity<ProblemDetail> invalid(InvalidRequestException e) {
    ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
        e.violations().size() == 1 ? "1 field is invalid" : e.violations().size() + " fields are invalid");
    problem.setProperty("errors", e.violations());
    // Field names can carry user input (label keys): log the count, not the names (no log injection).
    log.debug("invalid request: {} field(s)", e.violations().size());
    return ResponseEntity.badRequest().body(problem);
  }

  @ExceptionHandler(AuthenticationException.class)
  ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException e) {
    log.warn("unauthenticated request: {}", e.getMessage());
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"vastmesh-registry\"")
        .body(Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required", e.getMessage()));
  }

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<ProblemDetail> forbidden(AccessDeniedException e) {
    log.warn("forbidden request: {}", e.getMessage());
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage()));
  }

  @ExceptionHandler(InstanceNotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(InstanceNotFoundException e) {
    ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, "instance-not-found", "Instance not found", e.getMessage());
    problem.setProperty("instance_id", e.instanceId());
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
    String field = e.getName().equals("instanceId") ? "instance_id" : e.getName();
    return invalid(InvalidRequestException.of(field, "must be a " + (e.getRequiredType() == null ? "valid value"
        : e.getRequiredType().getSimpleName().toLowerCase(java.util.Locale.ROOT).replace("long", "whole number"))));
  }

  /**
   * The store (Redis) unreachable or timing out: nothing was written, and the caller's retry
   * will be, so 503 with Retry-After rather than a 500.
   */
  @ExceptionHandler(DataAccessException.class)
  ResponseEntity<ProblemDetail> storeUnavailable(DataAccessException e) {
    log.warn("store unavailable: {}", e.getClass().getSimpleName());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
        .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Store unavailable",
            "the registry's store (Redis) is unavailable; retry later"));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    log.error("unexpected error", e);
    return ResponseEntity.internalServerError().body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
        "Internal error", "the registry failed to handle the request; it has been logged"));
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    PayloadTooLargeException tooLarge = causeOf(e, PayloadTooLargeException.class);
    if (tooLarge != null) {
      return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Problems.of(HttpStatus.CONTENT_TOO_LARGE,
          "payload-too-large", "Payload too large", "request body exceeds the limit of " + tooLarge.limit() + " bytes"));
    }
    JacksonException json = causeOf(e, JacksonException.class);
    String detail = "the request body is not valid JSON for this operation";
    if (json != null && !json.getPath().isEmpty()) {
      String field = json.getPath().stream().map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining("."));
      return ResponseEntity.badRequest().body(withErrors(
          Problems.of(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", detail),
          new FieldViolation(field, "has the wrong JSON type or an unknown value")));
    }
    if (json != null && json.getLocation() != null) {
      detail += " (line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr() + ")";
    }
    return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", detail));
  }

  @Override
  protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    // Spring's own errors (405, 415, 406, 404 ...) come with type about:blank; give them ours.
    if (body instanceof ProblemDetail problem && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
      problem.setType(java.net.URI.create("https://vastmesh.dev/problems/" + Problems.kindOf(status.value())));
    }
    log.debug("request failed with {}", status.value());
    return super.createResponseEntity(body, headers, status, request);
  }

  private static ProblemDetail withErrors(ProblemDetail problem, FieldViolation violation) {
    problem.setProperty("errors", java.util.List.of(violation));
    return problem;
  }

  private static <T extends Throwable> @Nullable T causeOf(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
