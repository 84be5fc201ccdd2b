package dev.vastmesh.costmonitor.accounting;

import dev.vastmesh.events.payload.CostPeriod;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/** Budget periods in UTC: the hour, the day from 00:00, the week from Monday 00:00, the month from the 1st. */
public final class Periods {

  private Periods() {
  }

  public static Instant start(CostPeriod period, Instant now) {
    ZonedDateTime utc = now.atZone(ZoneOffset.UTC);
    return switch (period) {
      case HOUR -> utc.truncatedTo(ChronoUnit.HOURS).toInstant();
      case DAY -> utc.truncatedTo(ChronoUnit.DAYS).toInstant();
      case WEEK -> utc.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toInstant();
      case MONTH -> utc.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).toInstant();
    };
  }

  public static Instant end(CostPeriod period, Instant now) {
    ZonedDateTime start = start(period, now).atZone(ZoneOffset.UTC);
    return switch (period) {
      case HOUR -> start.plusHours(1).toInstant();
      case DAY -> start.plusDays(1).toInstant();
      case WEEK -> start.plusWeeks(1).toInstant();
      case MONTH -> start.plusMonths(1).toInstant();
    };
  }

  static String hourKey(Instant at) {
    return at.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).toLocalDateTime().toString().substring(0, 13);
  }

  static String dayKey(Instant at) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
  }

  static Instant nextHour(Instant at) {
    return at.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant();
  }
}
