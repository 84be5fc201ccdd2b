package dev.vastmesh.gateway.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.testsupport.RedisTestSupport;
import dev.vastmesh.gateway.replay.ReplayGuard.Seen;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The shared replay cache: a reservation holds for its lease, a completed id for its window. */
class RedisReplayGuardTests {

  private static final Duration WINDOW = Duration.ofMinutes(10);
  private static final Duration LEASE = Duration.ofSeconds(30);

  private final String prefix = RedisTestSupport.uniquePrefix();
  private final LettuceConnectionFactory factory = connect();
  private final StringRedisTemplate redis = new StringRedisTemplate(factory);
  private final RedisReplayGuard guard = new RedisReplayGuard(redis, prefix, LEASE);

  private static LettuceConnectionFactory connect() {
    LettuceConnectionFactory factory = new LettuceConnectionFactory(
        new RedisStandaloneConfiguration(RedisTestSupport.host(), RedisTestSupport.port()));
    factory.afterPropertiesSet();
    factory.start();
    return factory;
  }

  @AfterEach
  void cleanUp() {
    Set<String> keys = redis.keys(prefix + "*");
    if (keys != null && !keys.isEmpty()) {
      redis.delete(keys);
    }
    factory.destroy();
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
