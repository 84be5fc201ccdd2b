package dev.vastmesh.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339Tests {

  @ParameterizedTest
  @CsvSource({
      "2026-01-04T12:00:00Z, 2026-01-04T12:00:00Z",
      "2026-01-04T12:00:00+00:00, 2026-01-04T12:00:00Z",
      "2026-01-04T12:00:00.5Z, 2026-01-04T12:00:00.500Z",
      "2026-01-04T12:00:00.123456789Z, 2026-01-04T12:00:00.123456789Z",
      "2024-02-29T23:59:59Z, 2024-02-29T23:59:59Z",
      "0001-01-01T00:00:00Z, 0001-01-01T00:00:00Z"})
  void utcTimestampsParse(String text, String expected) {
    assertThat(Rfc3339.parse(text)).isEqualTo(new Rfc3339.Utc(Instant.parse(expected)));
  }

  @ParameterizedTest
  @CsvSource({"2026-01-04T13:00:00+01:00, +01:00", "2026-01-04T12:00:00-00:00, -00:00", "2026-01-04T07:00:00.1-05:00, -05:00"})
  void otherOffsetsAreValidButNotUtc(String text, String offset) {
    assertThat(Rfc3339.parse(text)).isEqualTo(new Rfc3339.NotUtc(offset));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2026-01-04", "2026-01-04T12:00Z", "2026-01-04T12:00:00", "2026-01-04 12:00:00Z",
      "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-01-04T24:00:00Z", "2026-01-04T12:60:00Z",
      "2026-01-04T12:00:00.Z", "2026-01-04T12:00:00.1234567890Z", "2026-01-04T12:00:00+0100",
      "2026-01-04T12:00:00+24:00", "2026-01-04T12:00:00z", "２０２６-01-04T12:00:00Z", "2026-01-04T12:00:00ZZ",
      "-026-01-04T12:00:00Z"})
  void malformedTimestampsAreInvalid(String text) {
    assertThat(Rfc3339.parse(text)).isInstanceOf(Rfc3339.Invalid.class);
  }
}
