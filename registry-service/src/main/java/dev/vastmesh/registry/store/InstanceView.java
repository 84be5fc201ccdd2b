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
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory picture of the registry that reads are served from: the whole store in the
 * embedded mode, a replica of Redis (kept current from its change stream) in the Redis mode.
 *
 * <p>Entries carry the revision of their last write, and a write only replaces an older one, so
 * changes may arrive twice or out of order (a replica's own write, then the same change from
 * the stream) without going back in time. Removals leave a bounded set of tombstones for the
 * same reason. Waiting uses a {@link Condition}, which does not pin virtual threads on Java 21.
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
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition indexMoved = lock.newCondition();
  private volatile long index;

  /** Stores {@code entry} unless a newer write (or removal) of the instance is already known. */
  void put(InstanceEntry entry) {
    entries.compute(entry.id(), (id, existing) -> {
      if (existing != null && existing.revision() >= entry.revision()) {
        return existing;
      }
      synchronized (tombstones) {
        Long removedAt = tombstones.get(id);
        if (removedAt != null && removedAt >= entry.revision()) {
          return existing;
        }
      }
      return entry;
    });
  }

  /** Removes the instance, unless it was written again after {@code revision}. */
  void remove(long id, long revision) {
    synchronized (tombstones) {
      tombstones.merge(id, revision, Math::max);
    }
    entries.computeIfPresent(id, (key, existing) -> existing.revision() > revision ? existing : null);
  }

  void clear() {
    entries.clear();
    synchronized (tombstones) {
      tombstones.clear();
    }
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

  /** Scans in instance-id order from the cursor: stable paging without server-side state. */
  InstancePage list(InstanceQuery query) {
    long atIndex = index;
    NavigableMap<Long, InstanceEntry> range = entries.tailMap(query.after(), false);
    List<RegisteredInstance> page = new ArrayList<>(Math.min(query.limit(), 256));
    boolean hasMore = false;
    for (InstanceEntry entry : range.values()) {
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
