package dev.vastmesh.costmonitor.accounting;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the ledger remembers of an instance between samples: its state and rates at the last
 * sample, its registry attributes (kept after it is gone, so its spend stays in its budgets), and
 * since when it has been running or stopped (the reaper's clocks).
 *
 * @param hourly $/h billed in {@code state}: dph_total running, the storage part stopped
 * @param storageHourly $/h of its disk, billed in every state but offline
 * @param runningSince the first sample that saw it running (since the last stop)
 * @param haltedSince the first sample that saw it exited or stopped
 * @param gone no longer on Vast (destroyed)
 */
public record TrackedInstance(
    long id,
    @Nullable String state,
    double hourly,
    double storageHourly,
    @Nullable String gpu,
    @Nullable String environment,
    @Nullable String triggerId,
    Map<String, String> labels,
    @Nullable String vastLabel,
    boolean registered,
    Instant lastSeen,
    @Nullable Instant runningSince,
    @Nullable Instant haltedSince,
    boolean gone) {

  public TrackedInstance {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  public TrackedInstance markGone() {
    return new TrackedInstance(id, state, 0, 0, gpu, environment, triggerId, labels, vastLabel, false, lastSeen, null, null, true);
  }

  /** The environment as a metric label: bounded, never empty. */
  public String environmentLabel() {
    return environment == null || environment.isBlank() ? "none" : environment;
  }
}
