package dev.vastmesh.vastai.cli.cost;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A cost estimate as a table or JSON: $/h to 1/10000 of a dollar, totals to the cent. */
final class EstimateView {

  private EstimateView() {
  }

  static void table(EstimateCommand.Estimate e, PrintWriter out) {
    out.printf(Locale.ROOT, "%s offers, %s GB disk each, %s h x %d instance(s), USD%n", e.kind().wire(), number(e.disk()),
        number(e.hours()), e.count());
    String row = "%-10s %-18s %3s %9s %9s %9s %12s %12s%n";
    out.printf(Locale.ROOT, row, "ID", "GPU", "N", "GPU $/h", "DISK $/h", "$/h", number(e.hours()) + "h x" + e.count(),
        EstimateCommand.HOURS_PER_MONTH + "h x" + e.count());
    for (OfferCost c : e.offers()) {
      out.printf(Locale.ROOT, row, c.offer().id(), c.offer().gpuName() == null ? "-" : c.offer().gpuName(),
          c.offer().numGpus() == null ? "-" : c.offer().numGpus(), hourly(c.gpuPerHour()), hourly(c.storagePerHour()),
          hourly(c.perHour()), cents(c.forHours(e.hours(), e.count())), cents(c.forHours(EstimateCommand.HOURS_PER_MONTH, e.count())));
    }
  }

  static Map<String, Object> json(EstimateCommand.Estimate e) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("query", e.query());
    json.put("type", e.kind().wire());
    json.put("disk_gb", e.disk());
    json.put("hours", e.hours());
    json.put("count", e.count());
    json.put("hours_per_month", EstimateCommand.HOURS_PER_MONTH);
    json.put("currency", "USD");
    json.put("offers", e.offers().stream().map(c -> {
      Map<String, Object> offer = new LinkedHashMap<>();
      offer.put("id", c.offer().id());
      offer.put("gpu_name", c.offer().gpuName());
      offer.put("num_gpus", c.offer().numGpus());
      offer.put("gpu_per_hour", hourly(c.gpuPerHour()));
      offer.put("storage_per_hour", hourly(c.storagePerHour()));
      offer.put("per_hour", hourly(c.perHour()));
      offer.put("for_hours", cents(c.forHours(e.hours(), e.count())));
      offer.put("per_month", cents(c.forHours(EstimateCommand.HOURS_PER_MONTH, e.count())));
      return offer;
    }).toList());
    return json;
  }

  private static BigDecimal hourly(BigDecimal amount) {
    return amount.setScale(4, RoundingMode.HALF_UP);
  }

  private static BigDecimal cents(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP);
  }

  private static String number(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
