package dev.vastmesh.transport;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Capped exponential back-off with jitter, the one retry schedule of vastmesh: the base delay of
 * retry {@code n} is {@code initial × multiplier^(n-1)}, capped at {@code max}, and the delay
 * slept is drawn uniformly between half and all of it, so callers that failed together do not
 * retry together. A server's {@link RetryAfter} replaces the drawn delay.
 *
 * @param initial the base delay before the first retry
 * @param multiplier how much each retry's base grows (at least 1)
 * @param max the largest base delay (it bounds every retry, the first too)
 */
public record Backoff(Duration initial, double multiplier, Duration max) {

  public Backoff {
    if (initial.isNegative() || max.isNegative() || !(multiplier >= 1)) {
      throw new IllegalArgumentException("back-off needs delays of at least zero and a multiplier of at least 1");
    }
  }

  /** Doubling from {@code initial} up to {@code max}. */
  public static Backoff exponential(Duration initial, Duration max) {
    return new Backoff(initial, 2, max);
  }

  /** The base delay of retry {@code retry} (1 for the first), before jitter. */
  public Duration base(int retry) {
    double millis = initial.toMillis() * Math.pow(multiplier, Math.max(0, retry - 1));
    return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
  }

  /** The delay to sleep before retry {@code retry} (1 for the first): half to all of its base. */
  public Duration delay(int retry) {
    long millis = base(retry).toMillis();
    return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
  }

  /** The server's Retry-After when it sent one (already bounded by {@link RetryAfter}), else {@link #delay}. */
  public Duration delay(int retry, @Nullable Duration retryAfter) {
    return retryAfter != null ? retryAfter : delay(retry);
  }

  /**
   * Sleeps {@link #delay(int, Duration)}.
   *
   * @throws InterruptedException when interrupted while waiting (the interrupt is consumed, as
   *     {@link Thread#sleep} does)
   */
  public void sleep(int retry, @Nullable Duration retryAfter) throws InterruptedException {
    long millis = delay(retry, retryAfter).toMillis();
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }
}
