package dev.vastmesh.costmonitor.accounting;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Everything the cost-monitor must not forget, in one document: the tracked instances, the accrued
 * spend in hour and day buckets (UTC) per instance, the monotonic totals per environment, and the
 * enforcement marks that keep every event and action to once per budget and period. The Redis
 * store keeps it as one JSON value written by the replica holding the lease.
 *
 * @param buckets {@code <id>|h|2026-01-04T12} and {@code <id>|d|2026-01-04} → dollars
 * @param totals environment → dollars accrued since the ledger began (never decreases)
 * @param fired enforcement marks: {@code <budget>|<period start>|warning|exceeded|action}
 * @param overSince budget id → when its spend first passed the limit in the current period
 * @param ghostMisses instance id → samples in a row its registry entry had no instance on Vast
 */
public record LedgerState(
    Map<Long, TrackedInstance> instances,
    Map<String, Double> buckets,
    Map<String, Double> totals,
    Set<String> fired,
    Map<String, Instant> overSince,
    Map<Long, Integer> ghostMisses,
    @Nullable Instant lastSample) {

  public LedgerState {
    instances = instances == null ? new LinkedHashMap<>() : new LinkedHashMap<>(instances);
    buckets = buckets == null ? new LinkedHashMap<>() : new LinkedHashMap<>(buckets);
    totals = totals == null ? new LinkedHashMap<>() : new LinkedHashMap<>(totals);
    fired = fired == null ? new HashSet<>() : new HashSet<>(fired);
    overSince = overSince == null ? new LinkedHashMap<>() : new LinkedHashMap<>(overSince);
    ghostMisses = ghostMisses == null ? new LinkedHashMap<>() : new LinkedHashMap<>(ghostMisses);
  }

  public static LedgerState empty() {
    return new LedgerState(null, null, null, null, null, null, null);
  }

  public LedgerState at(Instant sample) {
    return new LedgerState(instances, buckets, totals, fired, overSince, ghostMisses, sample);
  }
}
