package dev.vastmesh.router.ingest;

import dev.vastmesh.router.config.RouterProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The Redis mode's event stream: DOWN while the consumer cannot read it (Redis unreachable), so
 * readiness takes this router out of rotation; UP with the group recoveries it has made.
 */
final class EventStreamHealthIndicator implements HealthIndicator {

  private final StreamStatus status;
  private final RouterProperties.Redis config;

  EventStreamHealthIndicator(StreamStatus status, RouterProperties.Redis config) {
    this.status = status;
    this.config = config;
  }

  @Override
  public Health health() {
    Health.Builder health = status.failing() ? Health.down().withDetail("error", String.valueOf(status.lastFailure())) : Health.up();
    health.withDetail("stream", config.stream()).withDetail("group", config.group())
        .withDetail("groupRecoveries", status.recoveries());
    if (status.lastRecovery() != null) {
      health.withDetail("lastGroupRecovery", String.valueOf(status.lastRecovery()));
    }
    if (status.lastReadOk() != null) {
      health.withDetail("lastRead", String.valueOf(status.lastReadOk()));
    }
    return health.build();
  }
}
