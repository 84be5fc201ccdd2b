package dev.vastmesh.gateway.signature;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The timestamp window shared by the timestamped schemes: too old and too far ahead both fail. */
final class Timestamps {

  private Timestamps() {
  }

  /** Unix seconds as only digits (no sign, fraction or spaces), or null. */
  static @Nullable Instant parse(String text) {
    if (text.isEmpty() || text.length() > 12) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return null;
      }
    }
    return Instant.ofEpochSecond(Long.parseLong(text));
  }

  /** The rejection for a timestamp outside {@code now ± tolerance}, or null when it is inside. */
  static Verification.@Nullable Rejected check(Instant timestamp, Clock clock, Duration tolerance) {
    Instant now = clock.instant();
    if (timestamp.isBefore(now.minus(tolerance))) {
      return new Verification.Rejected(Verification.Reason.TIMESTAMP_TOO_OLD);
    }
    if (timestamp.isAfter(now.plus(tolerance))) {
      return new Verification.Rejected(Verification.Reason.TIMESTAMP_IN_FUTURE);
    }
    return null;
  }

  /**
   * A signed timestamp's verdict once the signature matched: malformed, outside the window, or
   * verified as {@code messageId}.
   */
  static Verification verdict(String timestamp, String messageId, Clock clock, Duration tolerance) {
    Instant sent = parse(timestamp);
    if (sent == null) {
      return new Verification.Rejected(Verification.Reason.MALFORMED_TIMESTAMP);
    }
    Verification.Rejected outside = check(sent, clock, tolerance);
    return outside != null ? outside : new Verification.Verified(messageId, sent);
  }
}
