package dev.vastmesh.vastai.cli.cost;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point in time as {@code --since}/{@code --until} take it: {@code 30d} or {@code 12h} before a
 * reference time, a date ({@code 2026-11-01}, 00:00 UTC as Vast's CLI reads one) or an instant
 * ({@code 2026-11-01T06:00:00Z}).
 */
final class TimeArgument {

  private static final Pattern AGO = Pattern.compile("(\\d{1,4})([dh])");

  private TimeArgument() {
  }

  static Instant parse(String value, String option, Instant reference) {
    String text = value.strip();
    Matcher ago = AGO.matcher(text);
    if (ago.matches()) {
      long amount = Long.parseLong(ago.group(1));
      if (amount == 0) {
        throw new IllegalArgumentException(option + " must be at least 1" + ago.group(2) + ", not " + text);
      }
      return reference.minus(ago.group(2).equals("d") ? Duration.ofDays(amount) : Duration.ofHours(amount));
    }
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(option + " takes e.g. 30d, 12h, 2026-11-01 or 2026-11-01T06:00:00Z, not '" + text + "'");
    }
  }
}
