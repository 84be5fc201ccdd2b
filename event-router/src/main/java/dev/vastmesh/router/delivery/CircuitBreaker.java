package dev.vastmesh.router.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-agent circuit breaker: after {@code threshold} consecutive failed attempts the circuit
 * opens and deliveries wait (without spending attempts) until {@code openFor} has passed; then
 * one trial goes through (half-open): success closes it, failure opens it again.
 */
final class CircuitBreaker {

  enum State { CLOSED, OPEN, HALF_OPEN }

  private final int threshold;
  private final Duration openFor;
  private final Clock clock;
  private final AtomicInteger failures = new AtomicInteger();
  private volatile Instant openUntil = Instant.MIN;

  CircuitBreaker(int threshold, Duration openFor, Clock clock) {
    this.threshold = threshold;
    this.openFor = openFor;
    this.clock = clock;
  }

  /** Blocks while the circuit is open. */
  void awaitPermission() throws InterruptedException {
    while (true) {
      Duration wait = Duration.between(clock.instant(), openUntil);
      if (wait.isNegative() || wait.isZero()) {
        return;
      }
      Thread.sleep(Math.min(wait.toMillis() + 1, 1000));
    }
  }

  void onSuccess() {
    failures.set(0);
    openUntil = Instant.MIN;
  }

  void onFailure() {
    if (failures.incrementAndGet() >= threshold) {
      openUntil = clock.instant().plus(openFor);
    }
  }

  State state() {
    if (failures.get() < threshold) {
      return State.CLOSED;
    }
    return clock.instant().isBefore(openUntil) ? State.OPEN : State.HALF_OPEN;
  }
}
