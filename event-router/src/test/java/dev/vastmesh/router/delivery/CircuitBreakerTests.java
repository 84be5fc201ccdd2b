package dev.vastmesh.router.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.testsupport.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTests {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-04T12:00:00Z"));
  private final CircuitBreaker circuit = new CircuitBreaker(3, Duration.ofSeconds(30), clock);

  @Test
  void opensAfterConsecutiveFailuresThenLetsOneTrialThrough() {
    circuit.onFailure();
    circuit.onFailure();
    assertThat(circuit.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    circuit.onFailure();
    assertThat(circuit.state()).isEqualTo(CircuitBreaker.State.OPEN);

    clock.advance(Duration.ofSeconds(30));
    assertThat(circuit.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    circuit.onFailure();
    assertThat(circuit.state()).as("a failed trial opens it again").isEqualTo(CircuitBreaker.State.OPEN);

    clock.advance(Duration.ofSeconds(30));
    circuit.onSuccess();
    assertThat(circuit.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void aSuccessResetsTheCount() {
    circuit.onFailure();
    circuit.onFailure();
    circuit.onSuccess();
    circuit.onFailure();
    circuit.onFailure();
    assertThat(circuit.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void anOpenCircuitHoldsDeliveriesUntilItsTimeIsUp() throws Exception {
    CircuitBreaker realTime = new CircuitBreaker(1, Duration.ofMillis(300), Clock.systemUTC());
    realTime.onFailure();
    long started = System.nanoTime();

    realTime.awaitPermission();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
  }
}
