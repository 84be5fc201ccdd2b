package dev.vastmesh.registry.expiry;

import dev.vastmesh.registry.config.RegistryProperties;
import dev.vastmesh.registry.store.InstanceStore;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Whether evictions are being held. While held, expired instances stay listed and a heartbeat
 * from one renews it: when most of the fleet goes silent at once, the registry's own network is
 * the likelier failure, and wiping the registry would turn a partition into an outage.
 *
 * <p>One sweep sees only the instances whose TTL ran out since the last one; with heartbeats
 * spread over the TTL that is a small slice each time, and judging each slice alone let most of
 * a silent fleet be evicted slice by slice. So the judgment spans a window at least one TTL
 * long ({@code self-preservation-window}), as Eureka's renewal threshold does, on two counts:
 *
 * <ul>
 *   <li><b>lost share</b>: instances expired now plus those evicted within the window, against
 *       the fleet they were part of — more than the threshold holds;
 *   <li><b>renewal rate</b>: heartbeats and registrations in the last sweep interval against the
 *       rate over the rest of the window — when they fall below {@code 1 - threshold} of what
 *       that rate predicts, heartbeats stopped arriving, which is what a registry that lost its
 *       network sees first, before most TTLs run out. Judged only once the prediction is at
 *       least {@code self-preservation-min-fleet} renewals, so a sparse trickle is no signal.
 * </ul>
 *
 * The hold ends one window after both counts are clear again. Renewals and evictions are
 * counted by this replica: with several replicas behind a balancer
 * each judges its share of the traffic.
 */
@Component
public class SelfPreservation {

  private final RegistryProperties.Expiry config;
  private final int windowSeconds;
  private final int recentSeconds;
  private final EventLedger renewals;
  private final EventLedger evictions;
  private volatile boolean active;
  private volatile @Nullable Instant clearSince;

  SelfPreservation(RegistryProperties properties) {
    this.config = properties.expiry();
    this.windowSeconds = (int) Math.min(Math.max(config.selfPreservationWindow().toSeconds(), 2), 86_400);
    this.recentSeconds = (int) Math.min(Math.max(config.sweepInterval().toSeconds(), 1), windowSeconds / 2);
    this.renewals = new EventLedger(windowSeconds);
    this.evictions = new EventLedger(windowSeconds);
  }

  public boolean active() {
    return active;
  }

  /** A heartbeat or registration arrived: the registry can hear its fleet. */
  public void renewed(Instant now) {
    renewals.record(now, 1);
  }

  void evicted(Instant now, int count) {
    evictions.record(now, count);
  }

  /**
   * Judges at {@code now} whether evictions must be held, and remembers the answer. A hold ends
   * one window after the alarm cleared, not at once: when the network comes back, heartbeats
   * return spread over the TTL, and ending as soon as half the fleet has renewed would evict the
   * living half whose next heartbeat was not yet due.
   */
  boolean judge(Instant now, InstanceStore.Census census) {
    boolean alarm = lostShareTooHigh(now, census) || renewalsCollapsed(now);
    if (alarm) {
      clearSince = null;
      active = true;
    } else if (active) {
      Instant since = clearSince;
      if (since == null) {
        clearSince = now;
      } else if (!now.isBefore(since.plusSeconds(windowSeconds))) {
        clearSince = null;
        active = false;
      }
    }
    return active;
  }

  private boolean lostShareTooHigh(Instant now, InstanceStore.Census census) {
    long evictedInWindow = evictions.sum(now, windowSeconds, 0);
    long fleet = census.total() + evictedInWindow;
    long lost = census.expired() + evictedInWindow;
    return fleet >= config.selfPreservationMinFleet() && lost > config.selfPreservationThreshold() * fleet;
  }

  private boolean renewalsCollapsed(Instant now) {
    long span = Math.min(renewals.coveredSeconds(now), windowSeconds);
    if (span <= recentSeconds) {
      return false;
    }
    long recent = renewals.sum(now, recentSeconds, 0);
    long before = renewals.sum(now, (int) span, recentSeconds);
    double expected = (double) before * recentSeconds / (span - recentSeconds);
    return expected >= config.selfPreservationMinFleet() && recent < (1 - config.selfPreservationThreshold()) * expected;
  }
}
