package dev.vastmesh.registry.store;

import dev.vastmesh.registry.instance.InstanceEntry;
import dev.vastmesh.registry.instance.InstancePage;
import dev.vastmesh.registry.instance.InstanceQuery;
import dev.vastmesh.registry.instance.RegisteredInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory picture of the registry that reads are served from: the whole store in the
 * embedded mode, a replica of Redis (kept current from its change stream) in the Redis mode.
 *
 * <p>Entries carry the revision of their last write, and a write only replaces an older one, so
 * changes may arrive twice or out of order (a replica's own write, then the same change from
 * the stream) without going back in time. Removals leave a bounded set of tombstones for the
 * same reason. Writes are serialised (a few microseconds each); reads never lock. Waiting uses a
 * {@link Condition}, which does not pin virtual threads on Java 21.
 */
final class InstanceView {

  private static final int MAX_TOMBSTONES = 100_000;

  private final ConcurrentSkipListMap<Long, InstanceEntry> entries = new ConcurrentSkipListMap<>();
  private final Map<Long, Long> tombstones = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
      return size() > MAX_TOMBSTONES;
    }
  };
  private final FieldIndex byEnvironment = new FieldIndex();
  private final FieldIndex byStatus = new FieldIndex();
  private final FieldIndex byGpuType = new FieldIndex();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition indexMoved = lock.newCondition();
  private volatile long index;

  /** Stores {@code entry} unless a newer write (or removal) of the instance is already known. */
  synchronized void put(InstanceEntry entry) {
    InstanceEntry existing = entries.get(entry.id());
    if (existing != null && existing.revision() >= entry.revision()) {
      return;
    }
    synchronized (tombstones) {
      Long removedAt = tombstones.get(entry.id());
      if (removedAt != null && removedAt >= entry.revision()) {
        return;
      }
    }
    if (existing != null) {
      unindex(existing.instance());
    }
    entries.put(entry.id(), entry);
    index(entry.instance());
  }

  /** Removes the instance, unless it was written again after {@code revision}. */
  synchronized void remove(long id, long revision) {
    synchronized (tombstones) {
      tombstones.merge(id, revision, Math::max);
    }
    InstanceEntry existing = entries.get(id);
    if (existing != null && existing.revision() <= revision) {
      entries.remove(id);
      unindex(existing.instance());
    }
  }

  synchronized void clear() {
    entries.clear();
    byEnvironment.clear();
    byStatus.clear();
    byGpuType.clear();
    synchronized (tombstones) {
      tombstones.clear();
    }
  }

  private void index(RegisteredInstance instance) {
    byEnvironment.add(instance.environment(), instance.instanceId());
    byStatus.add(instance.status().wire(), instance.instanceId());
    byGpuType.add(instance.gpuType(), instance.instanceId());
  }

  private void unindex(RegisteredInstance instance) {
    byEnvironment.remove(instance.environment(), instance.instanceId());
    byStatus.remove(instance.status().wire(), instance.instanceId());
    byGpuType.remove(instance.gpuType(), instance.instanceId());
  }

  Optional<InstanceEntry> get(long id) {
    return Optional.ofNullable(entries.get(id));
  }

  int size() {
    return entries.size();
  }

  Collection<RegisteredInstance> all() {
    return entries.values().stream().map(InstanceEntry::instance).toList();
  }

  int countExpired(Instant now) {
    int expired = 0;
    for (InstanceEntry entry : entries.values()) {
      if (entry.instance().expiredAt(now)) {
        expired++;
      }
    }
    return expired;
  }

  /**
   * Walks, in instance-id order from the cursor, the smallest set of candidates the filters
   * allow (the ids with the query's environment, status or GPU type, or else every instance),
   * re-checking each against the whole query: stable paging without server-side state, and a
   * selective query never scans the fleet.
   */
  InstancePage list(InstanceQuery query) {
    long atIndex = index;
    NavigableSet<Long> candidates = smallestCandidates(query);
    Iterable<InstanceEntry> range = candidates == null
        ? entries.tailMap(query.after(), false).values()
        : () -> candidates.tailSet(query.after(), false).stream()
            .map(entries::get).filter(java.util.Objects::nonNull).iterator();
    List<RegisteredInstance> page = new ArrayList<>(Math.min(query.limit(), 256));
    boolean hasMore = false;
    for (InstanceEntry entry : range) {
      if (query.matches(entry.instance())) {
        if (page.size() == query.limit()) {
          hasMore = true;
          break;
        }
        page.add(entry.instance());
      }
    }
    return new InstancePage(page, hasMore, atIndex);
  }

  /** The smallest id set an indexed filter of the query allows, or null when none applies. */
  private @Nullable NavigableSet<Long> smallestCandidates(InstanceQuery query) {
    NavigableSet<Long> candidates = null;
    int fewest = Integer.MAX_VALUE;
    if (query.environment() != null && byEnvironment.count(query.environment()) < fewest) {
      candidates = byEnvironment.idsWith(query.environment());
      fewest = byEnvironment.count(query.environment());
    }
    if (query.status() != null && byStatus.count(query.status().wire()) < fewest) {
      candidates = byStatus.idsWith(query.status().wire());
      fewest = byStatus.count(query.status().wire());
    }
    if (query.gpuType() != null && byGpuType.count(query.gpuType()) < fewest) {
      candidates = byGpuType.idsWith(query.gpuType());
    }
    return candidates;
  }

  long index() {
    return index;
  }

  /** Moves the index forward (never back) and wakes watchers. */
  void advanceIndex(long newIndex) {
    if (newIndex <= index) {
      return;
    }
    lock.lock();
    try {
      if (newIndex > index) {
        index = newIndex;
        indexMoved.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Watchers blocked in {@link #awaitIndexAbove} right now. */
  int watchers() {
    lock.lock();
    try {
      return lock.getWaitQueueLength(indexMoved);
    } finally {
      lock.unlock();
    }
  }

  long awaitIndexAbove(long known, Duration wait) throws InterruptedException {
    long remaining = wait.toNanos();
    lock.lock();
    try {
      while (index <= known && remaining > 0) {
        remaining = indexMoved.awaitNanos(remaining);
      }
      return index;
    } finally {
      lock.unlock();
    }
  }

}
