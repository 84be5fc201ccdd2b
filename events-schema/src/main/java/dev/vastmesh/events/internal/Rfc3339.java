package dev.vastmesh.events.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * RFC 3339 timestamps ({@code 2026-01-04T12:00:00.250Z}), of which we accept only UTC ones
 * ({@code Z} or {@code +00:00}).
 *
 * <p>Hand-parsed by position: {@code DateTimeFormatter} is several times slower, and every event
 * carries at least one timestamp, so this sits on every consumer's hot path. It is also stricter
 * than java.time's ISO parser, which accepts a missing seconds field that RFC 3339 requires.
 */
public final class Rfc3339 {

  private Rfc3339() {
  }

  /** The outcome of reading a timestamp. */
  public sealed interface Parsed {
  }

  /** A valid UTC timestamp. */
  public record Utc(Instant instant) implements Parsed {
  }

  /** A valid timestamp with an offset other than UTC ({@code -00:00}, "offset unknown", included). */
  public record NotUtc(String offset) implements Parsed {
  }

  /** Not an RFC 3339 timestamp. */
  public record Invalid() implements Parsed {
  }

  private static final Invalid INVALID = new Invalid();

  public static Parsed parse(String text) {
    int length = text.length();
    if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
        || text.charAt(13) != ':' || text.charAt(16) != ':') {
      return INVALID;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if ((year | month | day | hour | minute | second) < 0) {
      return INVALID;
    }
    int position = 19;
    int nanos = 0;
    if (text.charAt(position) == '.') {
      int start = ++position;
      while (position < length && isDigit(text.charAt(position))) {
        position++;
      }
      int count = position - start;
      if (count == 0 || count > 9) {
        return INVALID;
      }
      nanos = digits(text, start, count);
      for (int i = count; i < 9; i++) {
        nanos *= 10;
      }
    }
    String offset = text.substring(position);
    boolean utc;
    if (offset.equals("Z")) {
      utc = true;
    } else if (offset.length() == 6 && (offset.charAt(0) == '+' || offset.charAt(0) == '-')
        && offset.charAt(3) == ':' && digits(offset, 1, 2) >= 0 && digits(offset, 4, 2) >= 0
        && digits(offset, 1, 2) <= 23 && digits(offset, 4, 2) <= 59) {
      // RFC 3339 section 4.3: -00:00 means the offset is unknown, which is not UTC.
      utc = offset.equals("+00:00");
    } else {
      return INVALID;
    }
    LocalDateTime local;
    try {
      local = LocalDateTime.of(year, month, day, hour, minute, second, nanos);
    } catch (DateTimeException e) {
      return INVALID;
    }
    return utc ? new Utc(local.toInstant(ZoneOffset.UTC)) : new NotUtc(offset);
  }

  /** The value of {@code count} ASCII digits at {@code start}, or -1 if any is not a digit. */
  private static int digits(String text, int start, int count) {
    int value = 0;
    for (int i = start; i < start + count; i++) {
      char c = text.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
