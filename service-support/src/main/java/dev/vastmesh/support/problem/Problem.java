package dev.vastmesh.support.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A refused request as an RFC 9457 problem: status, stable kind (the last segment of the type
 * URI), a detail safe to show, extra members and response headers (Retry-After, RateLimit-*).
 * Thrown from a servlet handler it becomes the answer; a reactive route renders it with
 * {@link ProblemJson}. It carries no stack trace: it is an answer, not a failure.
 */
public class Problem extends RuntimeException {

  private final HttpStatus status;
  private final String kind;
  private final String title;
  private final Map<String, Object> properties = new LinkedHashMap<>();
  private final Map<String, String> headers = new LinkedHashMap<>();

  public Problem(HttpStatus status, String kind, String title, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.kind = kind;
    this.title = title;
  }

  /**
   * 400 listing every invalid value in {@code errors}: the one status and shape of every
   * validation problem in every service, whatever was validated (a request, an event).
   */
  public static Problem invalidRequest(List<FieldViolation> violations) {
    return invalid("invalid-request", "Invalid request", violations,
        violations.size() == 1 ? "1 value is invalid" : violations.size() + " values are invalid");
  }

  /** 400 for one invalid value of the body, by its JSON pointer. */
  public static Problem invalidRequest(String pointer, String detail) {
    return invalidRequest(List.of(FieldViolation.at(pointer, detail)));
  }

  /** 400 for one invalid query or path parameter. */
  public static Problem invalidParameter(String name, String detail) {
    return invalidRequest(List.of(FieldViolation.parameter(name, detail)));
  }

  /** 400: canonical events that break the events schema; {@code detail} says what was refused. */
  public static Problem invalidEvent(List<FieldViolation> violations, String detail) {
    return invalid("invalid-event", "Invalid event", violations, detail);
  }

  private static Problem invalid(String kind, String title, List<FieldViolation> violations, String detail) {
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("a validation problem names at least one invalid value");
    }
    return new Problem(HttpStatus.BAD_REQUEST, kind, title, detail).property("errors", List.copyOf(violations));
  }

  /** 400: the body cannot be read as what the operation takes. */
  public static Problem malformed(String detail) {
    return new Problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", detail);
  }

  /** 413: the body is over the limit (refused before it is read further). */
  public static Problem payloadTooLarge(long limit) {
    return new Problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
        "the request body exceeds " + limit + " bytes");
  }

  /**
   * 503: the service's store (Redis) did not answer. Nothing was written, and the caller's
   * retry will be processed, so it says when to retry.
   */
  public static Problem storeUnavailable() {
    return new Problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Store unavailable",
        "the service's store (Redis) is unavailable; retry later").header("Retry-After", "5");
  }

  /** 500 whose detail says nothing about the cause (that is logged, not shown). */
  public static Problem internal() {
    return new Problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
        "the service failed to handle the request; it has been logged");
  }

  public Problem property(String name, Object value) {
    properties.put(name, value);
    return this;
  }

  public Problem header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public HttpStatus status() {
    return status;
  }

  public String kind() {
    return kind;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage() == null ? "" : getMessage();
  }

  public Map<String, Object> properties() {
    return properties;
  }

  public Map<String, String> headers() {
    return headers;
  }

  /** The answer's body. */
  public ProblemDetail toProblemDetail() {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail());
    body.setType(ProblemTypes.of(kind));
    body.setTitle(title);
    properties.forEach(body::setProperty);
    return body;
  }
}
