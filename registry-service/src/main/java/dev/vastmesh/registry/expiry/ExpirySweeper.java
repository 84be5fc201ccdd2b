package dev.vastmesh.registry.expiry;

import dev.vastmesh.registry.config.RegistryProperties;
import dev.vastmesh.registry.events.RegistryEvents;
import dev.vastmesh.registry.instance.InstanceEntry;
import dev.vastmesh.registry.metrics.RegistryMetrics;
import dev.vastmesh.registry.store.InstanceStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes instances whose TTL ran out and emits their events. An instance expires at exactly
 * {@code last_heartbeat + ttl}: reads hide it from then on, and the next sweep removes it.
 * With Redis, each expired instance is removed by exactly one replica's sweep (an atomic script),
 * so its events are emitted once.
 */
@Component
public class ExpirySweeper {

  private static final Logger log = LoggerFactory.getLogger(ExpirySweeper.class);

  private final InstanceStore store;
  private final RegistryEvents events;
  private final SelfPreservation selfPreservation;
  private final RegistryMetrics metrics;
  private final Clock clock;
  private final RegistryProperties.Expiry config;
  private final Counter expirations;

  ExpirySweeper(InstanceStore store, RegistryEvents events, SelfPreservation selfPreservation, RegistryMetrics metrics,
      Clock clock, RegistryProperties properties, MeterRegistry meters) {
    this.store = store;
    this.events = events;
    this.selfPreservation = selfPreservation;
    this.metrics = metrics;
    this.clock = clock;
    this.config = properties.expiry();
    this.expirations = Counter.builder("vastmesh.registry.expirations").description("Instances removed because their TTL ran out").register(meters);
  }

  @Scheduled(fixedDelayString = "${vastmesh.registry.expiry.sweep-interval:5s}", initialDelayString = "${vastmesh.registry.expiry.sweep-interval:5s}")
  void scheduledSweep() {
    try {
      sweep();
    } catch (DataAccessException e) {
      // The store is down: health says so; a stack trace every interval would say nothing more.
      log.warn("expiry sweep skipped, the store is unavailable: {}", e.getClass().getSimpleName());
    } catch (RuntimeException e) {
      log.error("expiry sweep failed; retrying next interval", e);
    }
  }

  /** One sweep; returns how many instances it expired. */
  public int sweep() {
    Instant now = clock.instant();
    InstanceStore.Census census = store.census(now);
    boolean wasHeld = selfPreservation.active();
    boolean hold = selfPreservation.judge(now, census);
    if (hold != wasHeld) {
      if (hold) {
        log.warn("self-preservation ON: heartbeats stopped arriving or most of the fleet went silent within the window "
            + "({} of {} expired now); holding evictions (the registry's own network is the likelier failure)",
            census.expired(), census.total());
      } else {
        log.info("self-preservation OFF: heartbeats are back ({} of {} expired); evictions resume", census.expired(), census.total());
      }
    }
    int removed = 0;
    if (!hold && census.expired() > 0) {
      List<InstanceEntry> expired;
      do {
        expired = store.expire(now, config.maxPerSweep());
        for (InstanceEntry entry : expired) {
          log.info("instance {} expired: no heartbeat since {} (ttl {}s)", entry.id(), entry.instance().lastHeartbeat(), entry.instance().ttlSeconds());
          events.expired(entry.instance());
        }
        removed += expired.size();
        expirations.increment(expired.size());
        selfPreservation.evicted(now, expired.size());
      } while (expired.size() == config.maxPerSweep());
    }
    metrics.refresh(now, hold);
    return removed;
  }
}
