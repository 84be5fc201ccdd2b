package dev.vastmesh.gateway.config;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The Redis mode's store: a PING, bounded by the command timeout. DOWN while Redis is
 * unreachable or hangs, so readiness takes the gateway out of rotation; every webhook would be
 * answered 503 meanwhile anyway. A failure is DOWN with its class, never a 500.
 */
final class RedisStoreHealthIndicator extends AbstractHealthIndicator {

  private final StringRedisTemplate redis;

  RedisStoreHealthIndicator(StringRedisTemplate redis) {
    super("Redis store check failed");
    this.redis = redis;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    String pong = redis.execute((RedisCallback<String>) connection -> connection.ping());
    builder.status("PONG".equalsIgnoreCase(pong) ? org.springframework.boot.health.contributor.Status.UP
        : org.springframework.boot.health.contributor.Status.DOWN);
  }
}
