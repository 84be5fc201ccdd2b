package dev.vastmesh.gateway.replay;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Remembers verified message ids. A message id is reserved when its processing starts,
 * completed (with the event id it became) once the event was handed off durably, and released if
 * the hand-off failed, so the sender's retry is processed again rather than taken for a replay.
 * A reservation nobody completes or releases lapses after a short pending lease.
 */
public interface ReplayGuard {

  /**
   * How long a reservation holds without completion: longer than the slowest hand-off (twice
   * its timeout, at least 30 s), far shorter than a replay window.
   */
  static Duration pendingLease(Duration handoffTimeout) {
    Duration twice = handoffTimeout.multipliedBy(2);
    return twice.compareTo(Duration.ofSeconds(30)) > 0 ? twice : Duration.ofSeconds(30);
  }

  /** What was known about a message id when it was reserved. */
  enum Seen {
    /** First time: the caller now holds the reservation. */
    NEW,
    /** Another delivery of the same message is being processed right now. */
    IN_PROGRESS,
    /** The message was already processed: this is a replay. */
    DONE
  }

  /** @param eventId for {@code DONE}, the event the message became (null if it became none) */
  record Reservation(Seen seen, @Nullable String eventId) {
  }

  Reservation reserve(String key, Duration window);

  /** Marks the message processed; {@code eventId} is null when it produced no event. */
  void complete(String key, @Nullable String eventId, Duration window);

  void release(String key);
}
