package dev.vastmesh.registry.expiry;

import java.time.Instant;

/**
 * Counts of something (renewals, evictions) per second over a sliding window, for the
 * self-preservation judgment. A ring of per-second buckets: recording is a few array writes
 * under a lock, summing a window walks at most its length in seconds.
 */
final class EventLedger {

  private final long[] counts;
  private final long[] seconds;
  private long firstSecond = Long.MIN_VALUE;

  /** @param windowSeconds the longest span a sum may cover */
  EventLedger(int windowSeconds) {
    this.counts = new long[windowSeconds + 1];
    this.seconds = new long[windowSeconds + 1];
    java.util.Arrays.fill(seconds, Long.MIN_VALUE);
  }

  synchronized void record(Instant at, long count) {
    long second = at.getEpochSecond();
    if (firstSecond == Long.MIN_VALUE) {
      firstSecond = second;
    }
    int slot = (int) Math.floorMod(second, (long) counts.length);
    if (seconds[slot] != second) {
      seconds[slot] = second;
      counts[slot] = 0;
    }
    counts[slot] += count;
  }

  /** The count recorded in the seconds {@code (now - fromSecondsAgo, now - toSecondsAgo]}. */
  synchronized long sum(Instant now, int fromSecondsAgo, int toSecondsAgo) {
    long nowSecond = now.getEpochSecond();
    long total = 0;
    for (int ago = toSecondsAgo; ago < Math.min(fromSecondsAgo, counts.length); ago++) {
      long second = nowSecond - ago;
      int slot = (int) Math.floorMod(second, (long) counts.length);
      if (seconds[slot] == second) {
        total += counts[slot];
      }
    }
    return total;
  }

  /** Seconds since the first record (0 before any). */
  synchronized long coveredSeconds(Instant now) {
    return firstSecond == Long.MIN_VALUE ? 0 : Math.max(0, now.getEpochSecond() - firstSecond);
  }
}
