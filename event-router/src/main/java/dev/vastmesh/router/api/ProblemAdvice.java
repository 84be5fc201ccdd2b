package dev.vastmesh.router.api;

import dev.vastmesh.router.security.Callers;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error is an RFC 9457 problem with a stable type; 5xx are logged with their stack trace. */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
  private static final String TYPES = "https://vastmesh.dev/problems/";

  @ExceptionHandler(RouterProblem.class)
  ResponseEntity<ProblemDetail> problem(RouterProblem problem) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status, problem.getMessage());
    body.setType(URI.create(TYPES + problem.kind));
    body.setTitle(problem.title);
    problem.properties.forEach(body::setProperty);
    HttpHeaders headers = new HttpHeaders();
    problem.headers.forEach(headers::add);
    return ResponseEntity.status(problem.status).headers(headers).body(body);
  }

  @ExceptionHandler(Callers.Denied.class)
  ResponseEntity<ProblemDetail> denied(Callers.Denied denied) {
    HttpStatus status = denied.authenticated() ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED;
    ProblemDetail body = ProblemDetail.forStatusAndDetail(status, denied.getMessage());
    body.setType(URI.create(TYPES + (denied.authenticated() ? "forbidden" : "unauthenticated")));
    body.setTitle(denied.authenticated() ? "Forbidden" : "Authentication required");
    ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
    if (!denied.authenticated()) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"vastmesh-router\"");
    }
    return response.body(body);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    log.error("unexpected error", e);
    ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "the router failed to handle the request; it has been logged");
    body.setType(URI.create(TYPES + "internal-error"));
    body.setTitle("Internal error");
    return ResponseEntity.internalServerError().body(body);
  }

  @Override
  protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    if (body instanceof ProblemDetail problem && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
      problem.setType(URI.create(TYPES + switch (status.value()) {
        case 400 -> "malformed-request";
        case 404 -> "not-found";
        case 405 -> "method-not-allowed";
        case 406 -> "not-acceptable";
        case 415 -> "unsupported-media-type";
        default -> status.is5xxServerError() ? "internal-error" : "client-error";
      }));
    }
    return super.createResponseEntity(body, headers, status, request);
  }
}
