package dev.vastmesh.costmonitor.api;

import dev.vastmesh.costmonitor.monitor.CostMonitor;
import dev.vastmesh.costmonitor.vast.VastAccount;
import dev.vastmesh.support.security.RequiresScope;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The last sample: when, whether it was skipped and why, and whether this replica may act. */
@RestController
class StatusController {

  private final CostMonitor monitor;
  private final VastAccount account;

  StatusController(CostMonitor monitor, VastAccount account) {
    this.monitor = monitor;
    this.account = account;
  }

  record SampleStatus(@Nullable Instant lastSample, @Nullable String lastFailure, long consecutiveFailures, int instances, boolean enforcement,
      boolean leaseHeld) {
  }

  @RequiresScope("read")
  @GetMapping(path = "/api/v1/status", produces = MediaType.APPLICATION_JSON_VALUE)
  SampleStatus status() {
    CostMonitor.Status status = monitor.status();
    String failure = status.failure() == null ? null
        : status.failure().source().label() + " " + status.failure().reason().label() + ": " + status.failure().message();
    return new SampleStatus(status.at(), failure, status.consecutiveFailures(), status.instances(), account.canAct(), status.leaseHeld());
  }
}
