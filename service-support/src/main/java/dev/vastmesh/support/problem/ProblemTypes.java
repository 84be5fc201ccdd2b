package dev.vastmesh.support.problem;

import java.net.URI;

/**
 * The problem {@code type} URIs of every vastmesh service: one base, one kind per error. A bare
 * status that no handler gave a more precise kind gets the kind of {@link #kindOf(int)}, so the
 * same framework error has the same type in every service.
 */
public final class ProblemTypes {

  /** Every problem type is this base plus a kind. */
  public static final String BASE = "https://vastmesh.dev/problems/";

  private ProblemTypes() {
  }

  public static URI of(String kind) {
    return URI.create(BASE + kind);
  }

  /** The kind a bare status means. */
  public static String kindOf(int status) {
    return switch (status) {
      case 400 -> "malformed-request";
      case 401 -> "unauthenticated";
      case 403 -> "forbidden";
      case 404 -> "not-found";
      case 405 -> "method-not-allowed";
      case 406 -> "not-acceptable";
      case 408 -> "request-timeout";
      case 413 -> "payload-too-large";
      case 414 -> "uri-too-long";
      case 415 -> "unsupported-media-type";
      case 417 -> "expectation-failed";
      case 431 -> "headers-too-large";
      case 501 -> "not-implemented";
      case 429 -> "too-many-requests";
      case 503 -> "unavailable";
      default -> status >= 500 ? "internal-error" : "client-error";
    };
  }

  /** Whether a type is unset or the RFC's placeholder, so that ours should replace it. */
  public static boolean isBlank(@org.jspecify.annotations.Nullable URI type) {
    return type == null || "about:blank".equals(type.toString());
  }
}
