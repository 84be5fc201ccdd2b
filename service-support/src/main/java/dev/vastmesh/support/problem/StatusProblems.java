package dev.vastmesh.support.problem;

import org.springframework.http.HttpStatus;

/**
 * The problem for a bare status that the web server or the framework decided on before any of
 * our handlers ran (a request that does not parse as HTTP, an unknown transfer coding, the
 * error page requested directly). The detail is fixed per status: what the server saw is the
 * caller's own input and is not echoed back.
 */
public final class StatusProblems {

  private StatusProblems() {
  }

  public static Problem of(int code) {
    HttpStatus status = HttpStatus.resolve(code);
    if (status == null) {
      status = code >= 500 ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
    }
    if (status == HttpStatus.BAD_REQUEST) {
      return Problem.malformed(detail(status));
    }
    return new Problem(status, ProblemTypes.kindOf(status.value()), status.getReasonPhrase(), detail(status));
  }

  private static String detail(HttpStatus status) {
    return switch (status) {
      case BAD_REQUEST -> "the request is not well-formed HTTP";
      case NOT_FOUND -> "there is no resource at this path";
      case CONTENT_TOO_LARGE -> "the request body is too large";
      case URI_TOO_LONG -> "the request target is too long";
      case REQUEST_HEADER_FIELDS_TOO_LARGE -> "the request headers are too large";
      case EXPECTATION_FAILED -> "the only expectation supported is 100-continue";
      case NOT_IMPLEMENTED -> "the request uses a method or transfer coding the service does not implement";
      case HTTP_VERSION_NOT_SUPPORTED -> "the service speaks HTTP/1.1";
      case REQUEST_TIMEOUT -> "the request did not arrive in time";
      case SERVICE_UNAVAILABLE -> "the service is not available now; retry later";
      default -> status.is5xxServerError() ? Problem.internal().detail() : "the request was refused: " + status.getReasonPhrase();
    };
  }
}
