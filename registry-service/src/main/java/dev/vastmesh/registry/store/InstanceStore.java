package dev.vastmesh.registry.store;

import dev.vastmesh.registry.instance.Authority;
import dev.vastmesh.registry.instance.Heartbeat;
import dev.vastmesh.registry.instance.InstanceEntry;
import dev.vastmesh.registry.instance.InstancePage;
import dev.vastmesh.registry.instance.InstanceQuery;
import dev.vastmesh.registry.instance.RegisteredInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where instances live. Two implementations pass one behaviour suite: in memory (embedded
 * default) and Redis (shared by replicas). Every write is atomic in the store, so replicas never
 * both win a race (for example, both expiring one instance and both emitting its events).
 *
 * <p>The index counts changes a watcher cares about (membership and status), like Consul's
 * X-Consul-Index; it never goes backwards. Plain heartbeats do not move it.
 */
public interface InstanceStore {

  /** Inserts or replaces the instance (idempotent upsert keyed by instance id). */
  Upserted upsert(RegisteredInstance instance, String tokenHash);

  /**
   * Applies a heartbeat at {@code now} when {@code authority} may write the instance, unless it is
   * unknown, or expired and {@code renewExpired} is false.
   */
  Guarded<Updated> heartbeat(long instanceId, Authority authority, Instant now, Heartbeat heartbeat, boolean renewExpired);

  /** A heartbeat on a service's authority. */
  default Optional<Updated> heartbeat(long instanceId, Instant now, Heartbeat heartbeat, boolean renewExpired) {
    return heartbeat(instanceId, Authority.SERVICE, now, heartbeat, renewExpired).applied();
  }

  /** Removes the instance when {@code authority} may write it. */
  Guarded<InstanceEntry> remove(long instanceId, Authority authority);

  /** Removes the instance on a service's authority; empty when there was none. */
  default Optional<InstanceEntry> remove(long instanceId) {
    return remove(instanceId, Authority.SERVICE).applied();
  }

  /** Removes up to {@code max} instances whose TTL ran out by {@code now}, and returns them. */
  List<InstanceEntry> expire(Instant now, int max);

  /** The stored entry, expired or not. */
  Optional<InstanceEntry> get(long instanceId);

  InstancePage list(InstanceQuery query);

  /** Every stored instance, expired or not, for metrics and discovery. */
  Collection<RegisteredInstance> all();

  /** How many are stored, and how many of those have expired by {@code now}. */
  Census census(Instant now);

  long index();

  /** What health shows about the store beyond its census (e.g. a replica's resynchronisations). */
  default Map<String, Object> healthDetails() {
    return Map.of();
  }

  /** Blocks until the index exceeds {@code index} or {@code wait} passes; returns the index then. */
  long awaitIndexAbove(long index, Duration wait) throws InterruptedException;

  /** How many callers of {@link #awaitIndexAbove} are waiting on this replica now. */
  int watchers();

  /** @param previous the entry that was replaced, if any (it may have been expired) */
  record Upserted(@Nullable InstanceEntry previous, InstanceEntry current) {
  }

  record Updated(InstanceEntry previous, InstanceEntry current) {
  }

  record Census(int total, int expired) {
  }
}
