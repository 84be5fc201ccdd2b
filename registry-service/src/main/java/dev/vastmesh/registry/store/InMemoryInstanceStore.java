package dev.vastmesh.registry.store;

import dev.vastmesh.registry.instance.Authority;
import dev.vastmesh.registry.instance.Heartbeat;
import dev.vastmesh.registry.instance.InstanceEntry;
import dev.vastmesh.registry.instance.InstancePage;
import dev.vastmesh.registry.instance.InstanceQuery;
import dev.vastmesh.registry.instance.RegisteredInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded default: one process, no external server. Writes take one lock (they are a few
 * microseconds each), under which a write's authority is checked against the entry it changes;
 * reads go lock-free to the view.
 */
public final class InMemoryInstanceStore implements InstanceStore {

  private final InstanceView view = new InstanceView();
  private final ReentrantLock writes = new ReentrantLock();
  private long revision;
  private long index;

  @Override
  public Upserted upsert(RegisteredInstance instance, String tokenHash) {
    writes.lock();
    try {
      InstanceEntry previous = view.get(instance.instanceId()).orElse(null);
      InstanceEntry current = new InstanceEntry(instance, tokenHash, ++revision);
      view.put(current);
      view.advanceIndex(++index);
      return new Upserted(previous, current);
    } finally {
      writes.unlock();
    }
  }

  @Override
  public Guarded<Updated> heartbeat(long instanceId, Authority authority, Instant now, Heartbeat heartbeat,
      boolean renewExpired) {
    writes.lock();
    try {
      InstanceEntry existing = view.get(instanceId).orElse(null);
      if (!authority.mayWrite(existing)) {
        return new Guarded.NotHolder<>();
      }
      if (existing == null) {
        return new Guarded.Missing<>();
      }
      Optional<InstanceEntry> renewed = Heartbeats.apply(existing, now, heartbeat, renewExpired);
      if (renewed.isEmpty()) {
        return new Guarded.Missing<>();
      }
      InstanceEntry current = renewed.get().withRevision(++revision);
      view.put(current);
      if (Heartbeats.movesIndex(existing, current)) {
        view.advanceIndex(++index);
      }
      return new Guarded.Applied<>(new Updated(existing, current));
    } finally {
      writes.unlock();
    }
  }

  @Override
  public Guarded<InstanceEntry> remove(long instanceId, Authority authority) {
    writes.lock();
    try {
      InstanceEntry existing = view.get(instanceId).orElse(null);
      if (!authority.mayWrite(existing)) {
        return new Guarded.NotHolder<>();
      }
      if (existing == null) {
        return new Guarded.Missing<>();
      }
      view.remove(instanceId, ++revision);
      view.advanceIndex(++index);
      return new Guarded.Applied<>(existing);
    } finally {
      writes.unlock();
    }
  }

  @Override
  public List<InstanceEntry> expire(Instant now, int max) {
    writes.lock();
    try {
      List<InstanceEntry> expired = new ArrayList<>();
      for (RegisteredInstance instance : view.all()) {
        if (expired.size() == max) {
          break;
        }
        if (instance.expiredAt(now)) {
          view.get(instance.instanceId()).ifPresent(expired::add);
          view.remove(instance.instanceId(), ++revision);
        }
      }
      if (!expired.isEmpty()) {
        view.advanceIndex(++index);
      }
      return expired;
    } finally {
      writes.unlock();
    }
  }

  @Override
  public Optional<InstanceEntry> get(long instanceId) {
    return view.get(instanceId);
  }

  @Override
  public InstancePage list(InstanceQuery query) {
    return view.list(query);
  }

  @Override
  public Collection<RegisteredInstance> all() {
    return view.all();
  }

  @Override
  public Census census(Instant now) {
    return new Census(view.size(), view.countExpired(now));
  }

  @Override
  public long index() {
    return view.index();
  }

  @Override
  public int watchers() {
    return view.watchers();
  }

  @Override
  public long awaitIndexAbove(long index, Duration wait) throws InterruptedException {
    return view.awaitIndexAbove(index, wait);
  }
}
