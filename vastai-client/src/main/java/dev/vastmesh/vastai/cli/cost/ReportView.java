package dev.vastmesh.vastai.cli.cost;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A {@link CostReport} as a table or as JSON (dollars to the tenth of a cent, as Vast charges). */
final class ReportView {

  private static final int NAME_WIDTH = 48;

  private ReportView() {
  }

  static void table(CostReport report, PrintWriter out) {
    out.printf(Locale.ROOT, "Vast charges %s .. %s by %s, USD%n", report.from(), report.to(), report.by().column());
    int width = Math.max(12, report.groups().stream().mapToInt(g -> shown(g.name()).length()).max().orElse(0));
    String row = "%-" + width + "s %9s %10s %10s %10s %10s%n";
    out.printf(Locale.ROOT, row, report.by().column().toUpperCase(Locale.ROOT), "INSTANCES", "GPU", "STORAGE", "BANDWIDTH", "TOTAL");
    for (CostReport.Group g : report.groups()) {
      print(out, row, shown(g.name()), g.sources().size(), g.money());
    }
    print(out, row, "TOTAL", report.charges(), report.total());
  }

  private static void print(PrintWriter out, String row, String name, int count, InstanceCharges.Money m) {
    out.printf(Locale.ROOT, row, name, count, dollars(m.gpu()), dollars(m.storage()), dollars(m.bandwidth()), dollars(m.total()));
  }

  /** Labels are free text: no control characters in a table, and not wider than a terminal can bear. */
  private static String shown(String name) {
    String clean = name.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > NAME_WIDTH ? clean.substring(0, NAME_WIDTH - 3) + "..." : clean;
  }

  static Map<String, Object> json(CostReport report) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("from", report.from().toString());
    json.put("to", report.to().toString());
    json.put("by", report.by().column());
    json.put("currency", "USD");
    json.put("groups", report.groups().stream().map(g -> {
      Map<String, Object> group = new LinkedHashMap<>();
      group.put("name", g.name());
      group.put("instances", g.sources().size());
      group.put("sources", g.sources());
      group.putAll(money(g.money()));
      return group;
    }).toList());
    Map<String, Object> total = new LinkedHashMap<>();
    total.put("instances", report.charges());
    total.putAll(money(report.total()));
    json.put("total", total);
    return json;
  }

  private static Map<String, Object> money(InstanceCharges.Money m) {
    Map<String, Object> money = new LinkedHashMap<>();
    money.put("gpu", dollars(m.gpu()));
    money.put("storage", dollars(m.storage()));
    money.put("bandwidth", dollars(m.bandwidth()));
    money.put("total", dollars(m.total()));
    return money;
  }

  static BigDecimal dollars(BigDecimal amount) {
    return amount.setScale(3, RoundingMode.HALF_UP);
  }
}
