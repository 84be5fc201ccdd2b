package dev.vastmesh.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class RetryAfterTests {

  private final Clock fixed = Clock.fixed(Instant.parse("2026-01-04T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
    Clock fixed = Clock.fixed(Instant.parse("2026-01-04T12:00:00Z"), ZoneOffset.UTC);
    String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.parse("2026-01-04T12:02:00Z"));

    assertThat(RetryAfter.parse("7", fixed)).isEqualTo(Duration.ofSeconds(7));
    assertThat(RetryAfter.parse(inTwoMinutes, fixed)).isEqualTo(Duration.ofMinutes(2));
    assertThat(RetryAfter.parse("soon", fixed)).isNull();
    assertThat(RetryAfter.parse("-5", fixed)).isEqualTo(Duration.ZERO);
  }

  @Test
  void theGmtFormServersSendAndSurroundingSpacesAreRead() {
    assertThat(RetryAfter.parse("Sun, 04 Jan 2026 12:00:30 GMT", fixed)).isEqualTo(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse(" 0 ", fixed)).isEqualTo(Duration.ZERO);
  }

  @Test
  void aDateInThePastMeansNow() {
    assertThat(RetryAfter.parse("Sun, 04 Jan 2026 11:00:00 GMT", fixed)).isEqualTo(Duration.ZERO);
  }

  @Test
  void longWaitsAreCappedAtTenMinutes() {
    assertThat(RetryAfter.parse("601", fixed)).isEqualTo(RetryAfter.MAX);
    assertThat(RetryAfter.parse("600", fixed)).isEqualTo(Duration.ofMinutes(10));
    assertThat(RetryAfter.parse("99999999999999999999999", fixed)).isEqualTo(RetryAfter.MAX);
    assertThat(RetryAfter.parse("Mon, 05 Jan 2026 12:00:00 GMT", fixed)).isEqualTo(RetryAfter.MAX);
  }

  @Test
  void neitherFormIsNoRetryAfter() {
    assertThat(RetryAfter.parse(null, fixed)).isNull();
    assertThat(RetryAfter.parse("", fixed)).isNull();
    assertThat(RetryAfter.parse("-", fixed)).isNull();
    assertThat(RetryAfter.parse("1.5", fixed)).isNull();
    assertThat(RetryAfter.parse("2026-01-04T12:02:00Z", fixed)).isNull();
  }
}
