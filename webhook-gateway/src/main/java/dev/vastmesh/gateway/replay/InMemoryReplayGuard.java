package dev.vastmesh.gateway.replay;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;

/**
 * The embedded replay cache: a concurrent map of message ids, and per replay window a queue of
 * the ids in the order they were reserved.
 *
 * <p>Why not a general cache: every accepted webhook writes a new id, so a cache with per-entry
 * expiry paid for a timer wheel and a write buffer on each one — a twentieth of the verified
 * path. Here a reservation is one {@code putIfAbsent} and one queue append; completing it only
 * sets fields of the entry. Ids of one window expire in the order they were reserved, so expiry
 * is a walk from the head of that window's queue, done a little on every reservation.
 *
 * <p>A reservation in progress is held for the pending lease only, not the whole window: a
 * request that died between reserving and releasing (its thread failed with an error, its
 * client went away) must not make the sender's retries answer "in progress" for the window.
 *
 * <p>At {@code maximumSize} ids the oldest are dropped early: the bound protects memory against a
 * flood of valid messages, at the price of forgetting the oldest ids before their window ends.
 */
public final class InMemoryReplayGuard implements ReplayGuard {

  /** At most this many queue heads are examined per reservation, so no caller pays for a backlog. */
  private static final int SWEEP_PER_CALL = 8;

  private static final class Entry {
    final String key;
    // Written under the map's guarantees and read by concurrent reservations: volatile.
    volatile Seen state = Seen.IN_PROGRESS;
    volatile @Nullable String eventId;
    volatile long expiresAtMillis;

    Entry(String key, long expiresAtMillis) {
      this.key = key;
      this.expiresAtMillis = expiresAtMillis;
    }
  }

  private final Clock clock;
  private final long maximumSize;
  private final Duration pendingLease;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Map<Duration, Queue<Entry>> byWindow = new ConcurrentHashMap<>();

  /** @param pendingLease how long a reservation holds before it is presumed abandoned */
  public InMemoryReplayGuard(Clock clock, long maximumSize, Duration pendingLease) {
    this.clock = clock;
    this.maximumSize = maximumSize;
    this.pendingLease = pendingLease;
  }

  @Override
  public Reservation reserve(String key, Duration window) {
    long now = clock.millis();
    expire(now);
    Entry fresh = new Entry(key, now + Math.min(window.toMillis(), pendingLease.toMillis()));
    while (true) {
      Entry existing = entries.putIfAbsent(key, fresh);
      if (existing == null) {
        queue(window).offer(fresh);
        return new Reservation(Seen.NEW, null);
      }
      if (existing.expiresAtMillis > now) {
        Seen state = existing.state;
        return new Reservation(state, state == Seen.DONE ? existing.eventId : null);
      }
      if (entries.replace(key, existing, fresh)) {
        queue(window).offer(fresh);
        return new Reservation(Seen.NEW, null);
      }
    }
  }

  @Override
  public void complete(String key, @Nullable String eventId, Duration window) {
    long expiresAt = clock.millis() + window.toMillis();
    Entry entry = entries.get(key);
    if (entry == null) {
      // Dropped by the size bound while in progress: remember it again.
      entry = new Entry(key, expiresAt);
      Entry raced = entries.putIfAbsent(key, entry);
      if (raced != null) {
        entry = raced;
      } else {
        queue(window).offer(entry);
      }
    }
    // The event id before the state: a reader that sees DONE sees its event id.
    entry.eventId = eventId;
    entry.expiresAtMillis = expiresAt;
    entry.state = Seen.DONE;
  }

  @Override
  public void release(String key) {
    // A completed id stays: a late release must not reopen a replay.
    entries.computeIfPresent(key, (k, existing) -> existing.state == Seen.DONE ? existing : null);
  }

  /** How many ids are remembered (expired ones may linger until swept). */
  public int size() {
    return entries.size();
  }

  private Queue<Entry> queue(Duration window) {
    return byWindow.computeIfAbsent(window, w -> new ConcurrentLinkedQueue<>());
  }

  private void expire(long now) {
    boolean full = entries.size() >= maximumSize;
    for (Queue<Entry> queue : byWindow.values()) {
      for (int i = 0; i < SWEEP_PER_CALL; i++) {
        Entry head = queue.peek();
        if (head == null || !full && head.expiresAtMillis > now) {
          break;
        }
        // poll, never remove(head): another caller may have taken it, and remove would search.
        Entry taken = queue.poll();
        if (taken == null) {
          break;
        }
        if (!full && taken.expiresAtMillis > now) {
          // Completed after it was queued, so its window now runs from completion: back in line.
          queue.offer(taken);
          break;
        }
        entries.remove(taken.key, taken);
        full = entries.size() >= maximumSize;
      }
    }
  }
}
