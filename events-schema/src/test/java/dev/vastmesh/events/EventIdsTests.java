package dev.vastmesh.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import dev.vastmesh.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

class EventIdsTests {

  @Test
  void idsAreVersion7WithTheClocksMillisecondsAndRfcVariant() {
    Clock clock = Clock.fixed(Instant.parse("2026-01-04T12:00:00.123Z"), ZoneOffset.UTC);

    UUID id = EventIds.uuidV7(clock).next();

    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(EventIds.timestampMillis(id)).isEqualTo(clock.millis());
  }

  @Test
  void idsStrictlyIncreaseWithinOneMillisecondAndPastCounterOverflow() {
    EventIds ids = EventIds.uuidV7(Clock.fixed(Instant.parse("2026-01-04T12:00:00Z"), ZoneOffset.UTC));
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      made.add(ids.get());
    }

    assertThat(made).isSortedAccordingTo(String::compareTo).doesNotHaveDuplicates();
  }

  @Test
  void idsStillIncreaseWhenTheClockStepsBack() {
    MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_767_528_000_000L));
    EventIds ids = EventIds.uuidV7(clock);

    String before = ids.get();
    clock.advance(java.time.Duration.ofSeconds(-5));
    String after = ids.get();

    assertThat(after).isGreaterThan(before);
  }

  @Test
  void nameBasedIdsAreStableVersion5AndDistinctPerName() {
    UUID first = EventIds.nameBased("gitlab:msg_p5jXN8AQM9LWM0D4loKWxJek");

    assertThat(EventIds.nameBased("gitlab:msg_p5jXN8AQM9LWM0D4loKWxJek")).isEqualTo(first);
    assertThat(first.version()).isEqualTo(5);
    assertThat(first.variant()).isEqualTo(2);
    assertThat(EventIds.nameBased("github:msg_p5jXN8AQM9LWM0D4loKWxJek")).isNotEqualTo(first);
  }
}
