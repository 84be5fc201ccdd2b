package dev.vastmesh.gateway.api;

import dev.vastmesh.gateway.ingest.Outcome;
import dev.vastmesh.support.problem.Problem;
import org.springframework.http.HttpStatus;

/** The answer to each refusal: its status and problem type, the refusal's detail and headers. */
public final class Refusals {

  private Refusals() {
  }

  public static Problem problem(Outcome.Refused refused) {
    Problem problem = switch (refused.reason()) {
      case UNKNOWN_SOURCE -> new Problem(HttpStatus.NOT_FOUND, "unknown-source", "Unknown webhook source", refused.detail());
      case TOO_LARGE -> new Problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large", refused.detail());
      case UNSUPPORTED_MEDIA_TYPE ->
          new Problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type", refused.detail());
      case FLOODED, RATE_LIMITED -> new Problem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests", refused.detail());
      // One deliberately vague answer for every way a signature or timestamp can be wrong.
      case SIGNATURE_INVALID ->
          new Problem(HttpStatus.UNAUTHORIZED, "signature-invalid", "Signature verification failed", refused.detail());
      case IN_PROGRESS -> new Problem(HttpStatus.SERVICE_UNAVAILABLE, "in-progress", "Message in progress", refused.detail());
      case MALFORMED_PAYLOAD -> new Problem(HttpStatus.BAD_REQUEST, "malformed-payload", "Malformed payload", refused.detail());
      case INVALID_EVENT -> Problem.invalidEvent(refused.violations(), refused.detail());
      case ROUTER_UNAVAILABLE ->
          new Problem(HttpStatus.SERVICE_UNAVAILABLE, "router-unavailable", "Event router unavailable", refused.detail());
      case STORE_UNAVAILABLE -> new Problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Store unavailable", refused.detail());
    };
    refused.headers().forEach(problem::header);
    return problem;
  }
}
