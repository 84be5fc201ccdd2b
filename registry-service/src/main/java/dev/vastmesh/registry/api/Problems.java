package dev.vastmesh.registry.api;

import java.net.URI;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** RFC 9457 problem details with a stable {@code type} URI per kind of error. */
public final class Problems {

  private static final String BASE = "https://vastmesh.dev/problems/";

  private Problems() {
  }

  public static ProblemDetail of(HttpStatusCode status, String kind, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(BASE + kind));
    problem.setTitle(title);
    return problem;
  }

  /** The kind of error a bare status means, where no handler chose a more precise one. */
  static String kindOf(int status) {
    return switch (status) {
      case 400 -> "malformed-request";
      case 401 -> "unauthenticated";
      case 403 -> "forbidden";
      case 404 -> "not-found";
      case 405 -> "method-not-allowed";
      case 406 -> "not-acceptable";
      case 413 -> "payload-too-large";
      case 415 -> "unsupported-media-type";
      case 429 -> "too-many-requests";
      case 503 -> "unavailable";
      default -> status >= 500 ? "internal-error" : "client-error";
    };
  }
}
