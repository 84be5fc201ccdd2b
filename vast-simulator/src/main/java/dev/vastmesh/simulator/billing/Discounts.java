package dev.vastmesh.simulator.billing;

/**
 * Vast's prepay discount schedule: 20 % for a month prepaid, 30 % for three, 40 % for six
 * (Vast's documented defaults), straight lines between those points and from 0 % at nothing,
 * never above the offer's {@code credit_discount_max}. A deposit buys months at the price those
 * months earn: $576 buys one month of a $1/h instance (720 h × $1 × 0.8), as Vast's example says.
 */
final class Discounts {

  static final double HOURS_PER_MONTH = 720.0;
  private static final double[][] SCHEDULE = {{0, 0}, {1, 0.2}, {3, 0.3}, {6, 0.4}};

  private Discounts() {
  }

  /** The discount for {@code months} prepaid. */
  static double rate(double months, double max) {
    double rate = SCHEDULE[SCHEDULE.length - 1][1];
    for (int i = 1; i < SCHEDULE.length; i++) {
      if (months <= SCHEDULE[i][0]) {
        double[] a = SCHEDULE[i - 1];
        double[] b = SCHEDULE[i];
        rate = a[1] + (b[1] - a[1]) * (months - a[0]) / (b[0] - a[0]);
        break;
      }
    }
    return Math.max(0, Math.min(rate, max));
  }

  /**
   * The months a deposit covers at the discount those months earn: the {@code t} with
   * {@code deposit = t × 720 × gpuPerHour × (1 − rate(t))}, which grows with {@code t}.
   */
  static double months(double deposit, double gpuPerHour, double max) {
    if (deposit <= 0 || gpuPerHour <= 0) {
      return 0;
    }
    double target = deposit / (HOURS_PER_MONTH * gpuPerHour);
    double low = 0;
    // The discount never passes 0.4 of the schedule, so t(1 - rate) >= 0.6 t.
    double high = target / 0.6 + 1;
    for (int i = 0; i < 200; i++) {
      double mid = (low + high) / 2;
      if (mid * (1 - rate(mid, max)) < target) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return (low + high) / 2;
  }
}
