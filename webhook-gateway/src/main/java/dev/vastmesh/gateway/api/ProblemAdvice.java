package dev.vastmesh.gateway.api;

import dev.vastmesh.gateway.ingest.GatewayProblem;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.lettuce.core.RedisException;
import org.springframework.dao.DataAccessException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every refusal is an RFC 9457 problem with a stable type URI. Refusals are the senders' and are
 * logged where they happen; 5xx are ours and logged here with their stack trace, and their body
 * says nothing about the cause.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
  static final String TYPES = "https://vastmesh.dev/problems/";
  private static final JsonMapper CLOSING_JSON = JsonMapper.builder().build();

  @ExceptionHandler(GatewayProblem.class)
  ResponseEntity<?> problem(GatewayProblem problem) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
    body.setType(URI.create(TYPES + problem.kind()));
    body.setTitle(problem.title());
    problem.properties().forEach(body::setProperty);
    HttpHeaders headers = new HttpHeaders();
    problem.headers().forEach(headers::add);
    if ("close".equalsIgnoreCase(headers.getFirst(HttpHeaders.CONNECTION))) {
      return closing(problem.status(), headers, body);
    }
    return ResponseEntity.status(problem.status()).headers(headers).body(body);
  }

  /**
   * A problem after which the connection closes (the request body is not read) goes as bytes of
   * a known length: streamed, it went without Content-Length, so the client could only learn
   * the answer was complete from the close.
   */
  private ResponseEntity<byte[]> closing(HttpStatusCode status, HttpHeaders headers, ProblemDetail problem) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("type", String.valueOf(problem.getType()));
    fields.put("title", problem.getTitle());
    fields.put("status", problem.getStatus());
    fields.put("detail", problem.getDetail());
    if (problem.getProperties() != null) {
      fields.putAll(problem.getProperties());
    }
    byte[] bytes = CLOSING_JSON.writeValueAsBytes(fields);
    return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .contentLength(bytes.length).body(bytes);
  }

  /**
   * Redis unreachable or timing out, from Spring Data (replay cache) or from Lettuce itself
   * (the rate-limit buckets): the sender's retry will be processed, so 503 with Retry-After.
   */
  @ExceptionHandler({DataAccessException.class, RedisException.class})
  ResponseEntity<?> storeUnavailable(RuntimeException e) {
    log.warn("store unavailable: {}", e.getClass().getSimpleName());
    return problem(GatewayProblem.storeUnavailable());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    log.error("unexpected error", e);
    ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "the gateway failed to handle the request; it has been logged");
    body.setType(URI.create(TYPES + "internal-error"));
    body.setTitle("Internal error");
    return ResponseEntity.internalServerError().body(body);
  }

  @Override
  protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    // Spring's own errors (404, 405, 400 ...) come with type about:blank; give them ours.
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
