package dev.vastmesh.gateway.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.testsupport.TestRedis;
import dev.vastmesh.gateway.replay.ReplayGuard.Seen;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The shared replay cache: a reservation holds for its lease, a completed id for its window. */
class RedisReplayGuardTests {

  private static final Duration WINDOW = Duration.ofMinutes(10);
  private static final Duration LEASE = Duration.ofSeconds(30);

  private final TestRedis test = new TestRedis();
  private final String prefix = test.prefix();
  private final StringRedisTemplate redis = test.template();
  private final RedisReplayGuard guard = new RedisReplayGuard(redis, prefix, LEASE);

  @AfterEach
  void cleanUp() {
    test.close();
  }

  @Test
  void aReservationExpiresWithItsLeaseAndACompletedIdWithItsWindow() {
    assertThat(guard.reserve("ci:msg", WINDOW).seen()).isEqualTo(Seen.NEW);
    Long pendingTtl = redis.getExpire(prefix + "replay:ci:msg");
    assertThat(pendingTtl).as("an abandoned reservation lapses after the lease").isBetween(1L, LEASE.toSeconds());

    guard.complete("ci:msg", "evt-1", WINDOW);

    assertThat(redis.getExpire(prefix + "replay:ci:msg")).isGreaterThan(LEASE.toSeconds()).isLessThanOrEqualTo(WINDOW.toSeconds());
    assertThat(guard.reserve("ci:msg", WINDOW)).isEqualTo(new ReplayGuard.Reservation(Seen.DONE, "evt-1"));
  }

  @Test
  void aWindowShorterThanTheLeaseBoundsTheReservation() {
    guard.reserve("ci:short", Duration.ofSeconds(5));

    assertThat(redis.getExpire(prefix + "replay:ci:short")).isBetween(1L, 5L);
  }
}
