package dev.vastmesh.gateway.signature;

import dev.vastmesh.events.StandardWebhooks;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The timestamp window shared by the timestamped schemes, by the Standard Webhooks rules of
 * events-schema: digits only, too old and too far ahead both fail.
 */
final class Timestamps {

  private Timestamps() {
  }

  /** Verified with the signed time when the timestamp is well-formed and inside the window. */
  static Verification verified(String messageId, String timestamp, Clock clock, Duration tolerance) {
    return outcome(StandardWebhooks.checkTimestamp(timestamp, clock, tolerance), messageId, timestamp);
  }

  /** The gateway's verification for a Standard Webhooks check of a message with these headers. */
  static Verification outcome(StandardWebhooks.Check check, String messageId, String timestamp) {
    return switch (check) {
      case VALID -> new Verification.Verified(messageId, Objects.requireNonNull(StandardWebhooks.parseTimestamp(timestamp)));
      case MISSING_HEADER -> new Verification.Rejected(Verification.Reason.MISSING_HEADER);
      case BAD_SIGNATURE -> new Verification.Rejected(Verification.Reason.BAD_SIGNATURE);
      case MALFORMED_TIMESTAMP -> new Verification.Rejected(Verification.Reason.MALFORMED_TIMESTAMP);
      case TIMESTAMP_TOO_OLD -> new Verification.Rejected(Verification.Reason.TIMESTAMP_TOO_OLD);
      case TIMESTAMP_IN_FUTURE -> new Verification.Rejected(Verification.Reason.TIMESTAMP_IN_FUTURE);
    };
  }
}
