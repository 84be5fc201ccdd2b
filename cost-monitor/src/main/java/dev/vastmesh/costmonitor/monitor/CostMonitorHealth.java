package dev.vastmesh.costmonitor.monitor;

import dev.vastmesh.costmonitor.vast.VastAccount;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Says whether budgets and the reaper can act (the acting key), how the last sample went, and
 * whether this replica holds the lease. Samples failing is reported, not DOWN: the service itself
 * works, and taking no action on a bad answer is what it should do.
 */
@Component("sampling")
class CostMonitorHealth implements HealthIndicator {

  private final CostMonitor monitor;
  private final VastAccount account;

  CostMonitorHealth(CostMonitor monitor, VastAccount account) {
    this.monitor = monitor;
    this.account = account;
  }

  @Override
  public Health health() {
    CostMonitor.Status status = monitor.status();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("enforcement", account.canAct() ? "on" : "off: no acting key (VASTAI_CLUSTER_OP_KEY), budgets and the reaper only report");
    details.put("last_sample", status.at() == null ? "none yet" : status.at().toString());
    if (status.failure() != null) {
      details.put("last_sample_skipped", status.failure().source().label() + " " + status.failure().reason().label());
      details.put("consecutive_failures", status.consecutiveFailures());
    }
    details.put("lease_held", status.leaseHeld());
    return Health.up().withDetails(details).build();
  }
}
