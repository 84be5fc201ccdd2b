package dev.vastmesh.simulator.billing;

/**
 * A contract's prices.
 *
 * @param gpuPerHour {@code dph_base}: the offer's price, or the bid of an interruptible rental
 * @param storageCost $/GB/month, as Vast quotes it
 * @param disk allocated GB
 */
public record Rates(double gpuPerHour, double storageCost, double disk) {

  private static final double HOURS_PER_MONTH = 720.0;

  /** {@code storage_total_cost}: $/h for the allocated disk. */
  public double storagePerHour() {
    return storageCost * disk / HOURS_PER_MONTH;
  }

  /** {@code dph_total}. */
  public double totalPerHour() {
    return gpuPerHour + storagePerHour();
  }
}
