package dev.vastmesh.simulator.support;

import dev.vastmesh.vastai.model.BillingLine;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reading charge lines as the client returns them. */
public final class Bills {

  private Bills() {
  }

  /** Each line by its {@code source} ({@code instance-<id>}). */
  public static Map<String, BillingLine> bySource(List<BillingLine> lines) {
    return lines.stream().collect(Collectors.toMap(BillingLine::source, l -> l));
  }

  /** The amount of the line's item of this type (gpu, disk, bwd, bwu). */
  public static double item(BillingLine line, String type) {
    return ((Number) items(line, type).get("amount")).doubleValue();
  }

  public static String description(BillingLine line, String type) {
    return (String) items(line, type).get("description");
  }

  private static Map<String, Object> items(BillingLine line, String type) {
    return line.items().stream().filter(i -> type.equals(i.get("type"))).findFirst().orElseThrow();
  }
}
