package dev.vastmesh.transport;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * The one reading of an HTTP {@code Retry-After} header (RFC 9110 §10.2.3) in vastmesh: either
 * delta-seconds ({@code 120}) or an HTTP-date ({@code Wed, 21 Oct 2015 07:28:00 GMT}).
 *
 * <p>Floor: a negative number or a date in the past means "now" ({@link Duration#ZERO}). Cap:
 * {@link #MAX}, ten minutes, so a typo or a hostile answer cannot park a sender for days; a
 * larger value is read as the cap. Anything else is not a Retry-After (null), and the caller
 * falls back to its {@link Backoff}.
 */
public final class RetryAfter {

  /** The longest wait a Retry-After can impose. */
  public static final Duration MAX = Duration.ofMinutes(10);

  private RetryAfter() {
  }

  /** The wait the header asks for, floored at zero and capped at {@link #MAX}; null when it is neither form. */
  public static @Nullable Duration parse(@Nullable String value, Clock clock) {
    if (value == null) {
      return null;
    }
    String text = value.trim();
    if (isInteger(text)) {
      if (text.startsWith("-")) {
        return Duration.ZERO;
      }
      // More digits than a long holds is still "longer than the cap".
      return text.length() > 18 ? MAX : bounded(Duration.ofSeconds(Long.parseLong(text)));
    }
    try {
      return bounded(Duration.between(clock.instant(), ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()));
    } catch (DateTimeParseException notDate) {
      return null;
    }
  }

  private static boolean isInteger(String text) {
    int start = text.startsWith("-") ? 1 : 0;
    if (text.length() == start) {
      return false;
    }
    for (int i = start; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static Duration bounded(Duration wait) {
    if (wait.isNegative()) {
      return Duration.ZERO;
    }
    return wait.compareTo(MAX) > 0 ? MAX : wait;
  }
}
