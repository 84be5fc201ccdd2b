package dev.vastmesh.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The in-process buckets: a limit per key, the remaining count, and a retry time when spent. */
class RateLimiterTests {

  private final RateLimiter limiter = RateLimiter.inMemory(1_000);

  @Test
  void aKeyHasItsLimitPerMinuteThenIsLimited() {
    assertThat(limiter.tryConsume("trigger:ci:a", 3)).isEqualTo(new RateLimiter.Allowed(3, 2, 20));
    assertThat(limiter.tryConsume("trigger:ci:a", 3)).isEqualTo(new RateLimiter.Allowed(3, 1, 40));
    assertThat(limiter.tryConsume("trigger:ci:a", 3)).isEqualTo(new RateLimiter.Allowed(3, 0, 60));

    RateLimiter.Decision spent = limiter.tryConsume("trigger:ci:a", 3);
    assertThat(spent).isInstanceOf(RateLimiter.Limited.class);
    // One token comes back every 20 s.
    assertThat(((RateLimiter.Limited) spent).retryAfterSeconds()).isBetween(19L, 20L);
  }

  @Test
  void keysDoNotShareABucket() {
    limiter.tryConsume("trigger:ci:a", 1);

    assertThat(limiter.tryConsume("trigger:ci:a", 1)).isInstanceOf(RateLimiter.Limited.class);
    assertThat(limiter.tryConsume("trigger:ci:b", 1)).isInstanceOf(RateLimiter.Allowed.class);
  }

  @Test
  void theBucketCountStaysWithinItsBoundAsKeysArrive() {
    RateLimiter small = RateLimiter.inMemory(100);

    for (int i = 0; i < 5_000; i++) {
      small.tryConsume("client:" + i, 10);
      // Upkeep runs on the caller's thread: the bound holds after every request, not once a
      // background task gets round to it.
      assertThat(small.bucketsHeld()).isLessThanOrEqualTo(100);
    }
  }
}
