package dev.vastmesh.registry.expiry;

import static dev.vastmesh.registry.support.Instances.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.vastmesh.testsupport.MutableClock;
import dev.vastmesh.registry.config.RegistryProperties;
import dev.vastmesh.registry.events.RegistryEvents;
import dev.vastmesh.registry.instance.Heartbeat;
import dev.vastmesh.registry.metrics.RegistryMetrics;
import dev.vastmesh.registry.store.InMemoryInstanceStore;
import dev.vastmesh.registry.store.InstanceStore;
import dev.vastmesh.registry.support.TestProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongPredicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Self-preservation against the failure it exists for: the registry loses its network while
 * 1,000 instances heartbeat every 29 s with a 30 s TTL, their heartbeats spread evenly over the
 * TTL, so each 5 s sweep sees only a sixth of the fleet expire. Driven by a hand-moved clock,
 * one simulated second at a time.
 */
class SelfPreservationTests {

  static final int FLEET = 1_000;
  static final long TTL = 30;
  static final long INTERVAL = 29;
  static final Instant T0 = Instant.parse("2026-01-04T12:00:00Z");

  final MutableClock clock = new MutableClock(T0);
  final InstanceStore store = new InMemoryInstanceStore();
  final RegistryProperties properties = withExpiry(new RegistryProperties.Expiry(Duration.ofSeconds(5), 1000, 0.5, 10,
      Duration.ofSeconds(TTL)));
  final SelfPreservation selfPreservation = new SelfPreservation(properties);
  final ExpirySweeper sweeper = new ExpirySweeper(store, mock(RegistryEvents.class), selfPreservation, mock(RegistryMetrics.class),
      clock, properties, new SimpleMeterRegistry());
  long second;
  int evicted;

  private static RegistryProperties withExpiry(RegistryProperties.Expiry expiry) {
    RegistryProperties d = TestProperties.defaults();
    return new RegistryProperties(d.state(), d.ttl(), expiry, d.watch(), d.listing(), d.security(), d.events(), d.redis(), d.discovery());
  }

  /**
   * Runs the clock to {@code until} seconds after T0, one second at a time: each instance
   * registers at its phase in the first interval, then heartbeats at that phase if
   * {@code beating} allows; a sweep every 5 s.
   */
  private void runUntil(long until, LongPredicate beating) {
    for (; second < until; second++) {
      clock.set(T0.plusSeconds(second));
      Instant now = clock.instant();
      for (long id = 1; id <= FLEET; id++) {
        if (second < INTERVAL && id % INTERVAL == second) {
          store.upsert(instance(id, now, TTL), "h");
          selfPreservation.renewed(now);
        } else if (second >= INTERVAL && (second - id % INTERVAL) % INTERVAL == 0 && beating.test(id)) {
          store.heartbeat(id, now, new Heartbeat(null, null, null, null, null), selfPreservation.active())
              .ifPresent(updated -> selfPreservation.renewed(now));
        }
      }
      if (second % 5 == 0) {
        evicted += sweeper.sweep();
      }
    }
  }

  private long present(LongPredicate which) {
    return LongStream.rangeClosed(1, FLEET).filter(which).filter(id -> store.get(id).isPresent()).count();
  }

  @Test
  void aRegistryThatLostItsNetworkHoldsTheFleetAndStillEvictsARealDeathOnceItHearsAgain() {
    runUntil(150, id -> true);
    assertThat(evicted).as("a healthy fleet loses nobody").isZero();
    assertThat(selfPreservation.active()).isFalse();

    runUntil(400, id -> false);
    assertThat(selfPreservation.active()).as("the registry hears no heartbeat: it holds").isTrue();
    assertThat(evicted).as("evicted before the hold engaged").isLessThanOrEqualTo(FLEET / 20);
    int evictedDuringOutage = evicted;

    runUntil(480, id -> true);
    assertThat(selfPreservation.active()).as("heartbeats are back").isFalse();
    assertThat(evicted).as("the fleet renewed itself, nobody else evicted").isEqualTo(evictedDuringOutage);

    runUntil(600, id -> id % 10 != 0);
    assertThat(selfPreservation.active()).as("a tenth dying is not a partition").isFalse();
    assertThat(present(id -> id % 10 == 0)).as("the dead tenth is evicted").isZero();
    assertThat(present(id -> id % 10 != 0)).as("the living stay, but for those evicted before the hold")
        .isGreaterThanOrEqualTo(FLEET * 9 / 10 - evictedDuringOutage);
  }
}
