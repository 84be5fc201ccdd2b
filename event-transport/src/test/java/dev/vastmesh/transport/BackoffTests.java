package dev.vastmesh.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTests {

  private final Backoff backoff = Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(30));

  @Test
  void theBaseDoublesFromInitialUpToTheCap() {
    assertThat(backoff.base(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.base(2)).isEqualTo(Duration.ofMillis(400));
    assertThat(backoff.base(8)).isEqualTo(Duration.ofMillis(25_600));
    assertThat(backoff.base(9)).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.base(10_000)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void otherMultipliersGrowByThatFactor() {
    Backoff slow = new Backoff(Duration.ofMillis(100), 1.5, Duration.ofSeconds(1));
    assertThat(slow.base(2)).isEqualTo(Duration.ofMillis(150));
    assertThat(slow.base(3)).isEqualTo(Duration.ofMillis(225));
  }

  @Test
  void theDelayIsJitteredBetweenHalfAndAllOfTheBase() {
    Set<Duration> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      Duration delay = backoff.delay(3);
      assertThat(delay).isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
      seen.add(delay);
    }
    // Jittered, not fixed: callers that failed together spread out.
    assertThat(seen).hasSizeGreaterThan(10);
  }

  @Test
  void aRetryAfterReplacesTheDrawnDelay() {
    assertThat(backoff.delay(1, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
    assertThat(backoff.delay(1, Duration.ZERO)).isEqualTo(Duration.ZERO);
    assertThat(backoff.delay(1, null)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void aZeroBackoffNeverWaits() {
    assertThat(Backoff.exponential(Duration.ZERO, Duration.ZERO).delay(5)).isEqualTo(Duration.ZERO);
  }

  @Test
  void theCapBoundsEveryRetryTheFirstToo() {
    assertThat(Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)).base(1)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void nonsenseSchedulesAreRefused() {
    assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(2))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(-1), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
  }
}
