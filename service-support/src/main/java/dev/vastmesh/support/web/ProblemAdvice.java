package dev.vastmesh.support.web;

import dev.vastmesh.support.problem.FieldViolation;
import dev.vastmesh.support.problem.Problem;
import dev.vastmesh.support.problem.ProblemTypes;
import dev.vastmesh.support.problem.StatusProblems;
import dev.vastmesh.support.security.AccessDeniedException;
import dev.vastmesh.support.security.AuthenticationException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error a servlet service answers is an RFC 9457 problem with a type from
 * {@link ProblemTypes}. Refusals are the caller's: logged at DEBUG where they are answered (WARN
 * for authentication and authorisation, which may be attacks); 5xx are ours and logged with their
 * stack trace, and their body says nothing about the cause.
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
  private static final JsonMapper CLOSING_JSON = JsonMapper.builder().build();

  @ExceptionHandler(Problem.class)
  ResponseEntity<?> problem(Problem problem) {
    return respond(problem);
  }

  /** The answer to {@code problem}, with its headers; also the other advices' answer. */
  public static ResponseEntity<?> respond(Problem problem) {
    if (problem instanceof AuthenticationException || problem instanceof AccessDeniedException) {
      log.warn("{} request: {}", problem.kind(), problem.detail());
    } else {
      log.debug("refused with {} {}", problem.status().value(), problem.kind());
    }
    HttpHeaders headers = new HttpHeaders();
    problem.headers().forEach(headers::add);
    if ("close".equalsIgnoreCase(headers.getFirst(HttpHeaders.CONNECTION))) {
      return closing(problem.status(), headers, problem.toProblemDetail());
    }
    return ResponseEntity.status(problem.status()).headers(headers).body(problem.toProblemDetail());
  }

  /**
   * A problem after which the connection closes (the request body is not read) goes as bytes of
   * a known length: streamed, it went without Content-Length, so the client could only learn
   * the answer was complete from the close.
   */
  private static ResponseEntity<byte[]> closing(HttpStatusCode status, HttpHeaders headers, ProblemDetail problem) {
    Map<String, @Nullable Object> fields = new LinkedHashMap<>();
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
   * The size filter's cap, passed while a handler read the raw stream itself (a chunked body, so
   * no length to refuse up front). The rest is not read, so the connection closes.
   */
  @ExceptionHandler(PayloadTooLargeException.class)
  ResponseEntity<?> tooLarge(PayloadTooLargeException e) {
    return respond(Problem.payloadTooLarge(e.limit()).header("Connection", "close"));
  }

  /** A path or query parameter of the wrong type, named as the API names it (snake_case). */
  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<?> typeMismatch(MethodArgumentTypeMismatchException e) {
    Class<?> required = e.getRequiredType();
    String expected = required == null ? "valid value"
        : required.getSimpleName().toLowerCase(Locale.ROOT).replace("long", "whole number");
    return problem(Problem.invalidParameter(snakeCase(e.getName()), "must be a " + expected));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<?> unexpected(Exception e) {
    if (isUnknownHealthPath(e)) {
      return respond(StatusProblems.of(404));
    }
    log.error("unexpected error", e);
    Problem internal = Problem.internal();
    return ResponseEntity.status(internal.status()).body(internal.toProblemDetail());
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    PayloadTooLargeException tooLarge = causeOf(e, PayloadTooLargeException.class);
    if (tooLarge != null) {
      return answer(Problem.payloadTooLarge(tooLarge.limit()));
    }
    JacksonException json = causeOf(e, JacksonException.class);
    String detail = "the request body is not valid JSON for this operation";
    if (json != null && !json.getPath().isEmpty()) {
      // Well-formed JSON with a value of the wrong type: a validation problem like any other.
      String pointer = FieldViolation.pointerOf(json.getPath().stream()
          .map(r -> r.getPropertyName() != null ? r.getPropertyName() : Integer.toString(r.getIndex())).toList());
      return answer(Problem.invalidRequest(pointer, "has the wrong JSON type or an unknown value"));
    }
    if (json != null && json.getLocation() != null) {
      detail += " (line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr() + ")";
    }
    return answer(Problem.malformed(detail));
  }

  @Override
  protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    // Spring's own errors (405, 415, 406, 404 ...) come with type about:blank; give them ours.
    if (body instanceof ProblemDetail problem && ProblemTypes.isBlank(problem.getType())) {
      problem.setType(ProblemTypes.of(ProblemTypes.kindOf(status.value())));
    }
    log.debug("request failed with {}", status.value());
    return super.createResponseEntity(body, headers, status, request);
  }

  private static ResponseEntity<Object> answer(Problem problem) {
    return ResponseEntity.status(problem.status()).body(problem.toProblemDetail());
  }

  /**
   * Boot's health endpoint asserts, rather than answering 404, when a path goes below a
   * component that does not exist ({@code /actuator/health/x/y}).
   */
  private static boolean isUnknownHealthPath(Exception e) {
    return e instanceof IllegalStateException && e.getStackTrace().length > 1
        && Arrays.stream(e.getStackTrace()).limit(3).anyMatch(frame -> frame.getMethodName().equals("getContributor")
            && frame.getClassName().endsWith(".HealthEndpointSupport"));
  }

  static String snakeCase(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
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
