package dev.vastmesh.costmonitor.accounting;

import dev.vastmesh.vastai.model.Instance;

/**
 * What an instance bills per hour in its state, from its row: running (and frozen, rebooting)
 * dph_total, the GPU and the disk; created, loading, stopped (outbid too) and exited the disk only
 * (stopped is not free); offline nothing.
 */
public final class Rates {

  private Rates() {
  }

  public static double storage(Instance instance) {
    if (instance.storageTotalCost() != null) {
      return Math.max(0, instance.storageTotalCost());
    }
    if (instance.dphTotal() != null && instance.dphBase() != null) {
      return Math.max(0, instance.dphTotal() - instance.dphBase());
    }
    return 0;
  }

  public static double hourly(Instance instance) {
    String state = instance.actualStatus();
    if ("offline".equals(state)) {
      return 0;
    }
    if (billsGpu(state)) {
      if (instance.dphTotal() != null) {
        return Math.max(0, instance.dphTotal());
      }
      return Math.max(0, (instance.dphBase() == null ? 0 : instance.dphBase()) + storage(instance));
    }
    return storage(instance);
  }

  static boolean billsGpu(String state) {
    return "running".equals(state) || "frozen".equals(state) || "rebooting".equals(state);
  }
}
