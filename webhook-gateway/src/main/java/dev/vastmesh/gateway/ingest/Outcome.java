package dev.vastmesh.gateway.ingest;

import dev.vastmesh.support.problem.FieldViolation;
import java.util.List;
import java.util.Map;

/** How the pipeline ended for one webhook: taken, recognised as a replay, ignored, or refused. */
public sealed interface Outcome {

  /** Extra response headers: RateLimit-* and, on some refusals, Retry-After. */
  Map<String, String> headers();

  /** The event was handed off durably. */
  record Accepted(String eventId, String type, Map<String, String> headers) implements Outcome {
  }

  /**
   * This message was already accepted; the original event id is returned, so a sender that
   * retried after a lost answer learns it succeeded and stops (a conflict would make some senders
   * retry forever or alarm).
   */
  record Duplicate(String eventId, Map<String, String> headers) implements Outcome {
  }

  /** Verified and understood, but it maps to no event. */
  record Ignored(String reason, Map<String, String> headers) implements Outcome {
  }

  /**
   * Not taken, for {@code reason}; {@code detail} is safe to show the sender, {@code violations}
   * lists what is wrong with an invalid event (empty otherwise).
   */
  record Refused(Refusal reason, String detail, Map<String, String> headers, List<FieldViolation> violations)
      implements Outcome {

    Refused(Refusal reason, String detail) {
      this(reason, detail, Map.of(), List.of());
    }
  }

  /** Why a webhook was refused, in the order the pipeline checks. */
  enum Refusal {
    UNKNOWN_SOURCE,
    TOO_LARGE,
    UNSUPPORTED_MEDIA_TYPE,
    FLOODED,
    SIGNATURE_INVALID,
    IN_PROGRESS,
    MALFORMED_PAYLOAD,
    RATE_LIMITED,
    INVALID_EVENT,
    ROUTER_UNAVAILABLE,
    STORE_UNAVAILABLE
  }
}
