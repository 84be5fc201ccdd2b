package dev.vastmesh.registry.expiry;

import dev.vastmesh.registry.store.InstanceStore;
import java.time.Clock;
import org.springframework.dao.DataAccessException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The registry's health, in readiness: its store answers, and whether self-preservation holds evictions (UP
 * either way, with a detail: failing readiness then would take the registry out exactly when its
 * answers matter most).
 */
@Component("registry")
class RegistryHealthIndicator implements HealthIndicator {

  private final InstanceStore store;
  private final SelfPreservation selfPreservation;
  private final Clock clock;

  RegistryHealthIndicator(InstanceStore store, SelfPreservation selfPreservation, Clock clock) {
    this.store = store;
    this.selfPreservation = selfPreservation;
    this.clock = clock;
  }

  @Override
  public Health health() {
    InstanceStore.Census census;
    long index;
    try {
      census = store.census(clock.instant());
      index = store.index();
    } catch (DataAccessException e) {
      // Health must answer (DOWN, which also fails readiness), not fail with the store.
      return Health.down().withDetail("store", store.getClass().getSimpleName())
          .withDetail("error", e.getClass().getSimpleName()).withDetail("selfPreservation", selfPreservation.active())
          .withDetails(store.healthDetails()).build();
    }
    return Health.up()
        .withDetail("store", store.getClass().getSimpleName())
        .withDetail("instances", census.total())
        .withDetail("expired", census.expired())
        .withDetail("selfPreservation", selfPreservation.active())
        .withDetail("index", index)
        .withDetails(store.healthDetails())
        .build();
  }
}
