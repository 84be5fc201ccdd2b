package dev.vastmesh.vastai.cli.cost;

import dev.vastmesh.vastai.VastException;
import dev.vastmesh.vastai.model.BillingLine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What Vast charged one contract over the period: its charge lines (one per contract, or one per
 * contract and day) summed, split by item kind. {@code total} is the sum of the lines' amounts, as
 * Vast billed them; the items only split it.
 *
 * @param source Vast's {@code source}, e.g. {@code instance-12345678}
 * @param instanceId the instance the source names, or null when it names none
 * @param label the label in the charges' metadata, null when they carry none
 */
record InstanceCharges(String source, @Nullable Long instanceId, @Nullable String label, Money money) {

  private static final Pattern INSTANCE = Pattern.compile("instance-(\\d+)");

  /** Dollars by item kind: gpu, disk (storage), bwd + bwu (bandwidth), and the lines' total. */
  record Money(BigDecimal gpu, BigDecimal storage, BigDecimal bandwidth, BigDecimal total) {
    static final Money ZERO = new Money(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    Money plus(Money other) {
      return new Money(gpu.add(other.gpu), storage.add(other.storage), bandwidth.add(other.bandwidth), total.add(other.total));
    }
  }

  /** The lines by contract, in the order Vast listed them first. */
  static List<InstanceCharges> of(List<BillingLine> lines) {
    Map<String, InstanceCharges> bySource = new LinkedHashMap<>();
    for (BillingLine line : lines) {
      String source = line.source() == null || line.source().isBlank() ? "(no source)" : line.source();
      InstanceCharges charges = new InstanceCharges(source, instanceId(source), label(line), money(line));
      bySource.merge(source, charges, InstanceCharges::plus);
    }
    return new ArrayList<>(bySource.values());
  }

  private InstanceCharges plus(InstanceCharges later) {
    return new InstanceCharges(source, instanceId, later.label != null ? later.label : label, money.plus(later.money));
  }

  private static @Nullable Long instanceId(String source) {
    Matcher m = INSTANCE.matcher(source);
    return m.matches() ? Long.parseLong(m.group(1)) : null;
  }

  private static @Nullable String label(BillingLine line) {
    Object label = line.metadata() == null ? null : line.metadata().get("label");
    return label instanceof String text && !text.isBlank() ? text : null;
  }

  private static Money money(BillingLine line) {
    if (line.amount() == null || !Double.isFinite(line.amount())) {
      throw new VastException.MalformedResponse("charges: a charge line has no amount");
    }
    BigDecimal gpu = BigDecimal.ZERO;
    BigDecimal storage = BigDecimal.ZERO;
    BigDecimal bandwidth = BigDecimal.ZERO;
    for (Map<String, Object> item : line.items() == null ? List.<Map<String, Object>>of() : line.items()) {
      if (!(item.get("amount") instanceof Number amount) || !Double.isFinite(amount.doubleValue())) {
        throw new VastException.MalformedResponse("charges: an item of " + line.source() + " has no amount");
      }
      BigDecimal dollars = BigDecimal.valueOf(amount.doubleValue());
      switch (String.valueOf(item.get("type"))) {
        case "gpu" -> gpu = gpu.add(dollars);
        case "disk" -> storage = storage.add(dollars);
        case "bwd", "bwu" -> bandwidth = bandwidth.add(dollars);
        default -> {
          // another kind of item is in the total, not in a column
        }
      }
    }
    return new Money(gpu, storage, bandwidth, BigDecimal.valueOf(line.amount()));
  }
}
