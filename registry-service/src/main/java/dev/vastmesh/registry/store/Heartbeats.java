package dev.vastmesh.registry.store;

import dev.vastmesh.registry.instance.Heartbeat;
import dev.vastmesh.registry.instance.InstanceEntry;
import java.time.Instant;
import java.util.Optional;

/** The one rule of a heartbeat, shared by both stores so they cannot disagree. */
final class Heartbeats {

  private Heartbeats() {
  }

  /**
   * The entry after a heartbeat at {@code now}, or empty when the instance has expired (and
   * expired ones are not renewed): the worker must register again, as Eureka's clients do on 404.
   */
  static Optional<InstanceEntry> apply(InstanceEntry entry, Instant now, Heartbeat heartbeat, boolean renewExpired) {
    if (entry.instance().expiredAt(now) && !renewExpired) {
      return Optional.empty();
    }
    return Optional.of(new InstanceEntry(entry.instance().renewed(now, heartbeat), entry.tokenHash(), entry.revision()));
  }

  /** Whether the change is one watchers must see (status), rather than a plain renewal. */
  static boolean movesIndex(InstanceEntry before, InstanceEntry after) {
    return before.instance().status() != after.instance().status();
  }
}
