package dev.vastmesh.simulator.billing;

/**
 * A contract's prices.
 *
 * @param gpuPerHour {@code dph_base}: the offer's price, or the bid of an interruptible rental
 * @param storageCost $/GB/month, as Vast quotes it
 * @param disk allocated GB
 * @param inetDownCost $/GB downloaded by the instance ({@code inet_down_cost})
 * @param inetUpCost $/GB uploaded by the instance ({@code inet_up_cost})
 * @param discountMax the most a prepay takes off the GPU price ({@code credit_discount_max})
 */
public record Rates(double gpuPerHour, double storageCost, double disk, double inetDownCost, double inetUpCost, double discountMax) {

  private static final double HOURS_PER_MONTH = 720.0;
  /** Vast's default {@code credit_discount_max}. */
  public static final double DEFAULT_DISCOUNT_MAX = 0.4;

  /** Without bandwidth prices, with Vast's default discount ceiling. */
  public Rates(double gpuPerHour, double storageCost, double disk) {
    this(gpuPerHour, storageCost, disk, 0, 0, DEFAULT_DISCOUNT_MAX);
  }

  /** {@code storage_total_cost}: $/h for the allocated disk. */
  public double storagePerHour() {
    return storageCost * disk / HOURS_PER_MONTH;
  }

  /** {@code dph_total}. */
  public double totalPerHour() {
    return gpuPerHour + storagePerHour();
  }
}
