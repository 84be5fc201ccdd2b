package dev.vastmesh.vastai.cli.cost;

import dev.vastmesh.vastai.model.Instance;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Vast's charges for a period, grouped; groups by total, largest first.
 *
 * @param charges how many contracts were charged
 */
record CostReport(Instant from, Instant to, Grouping by, List<Group> groups, InstanceCharges.Money total, int charges) {

  /** One group's contracts and what they cost. */
  record Group(String name, List<String> sources, InstanceCharges.Money money) {
  }

  static CostReport of(Instant from, Instant to, Grouping by, List<InstanceCharges> charges, Map<Long, Instance> instances) {
    Map<String, TreeSet<String>> sources = new LinkedHashMap<>();
    Map<String, InstanceCharges.Money> money = new LinkedHashMap<>();
    InstanceCharges.Money total = InstanceCharges.Money.ZERO;
    for (InstanceCharges c : charges) {
      String key = by.key(c, c.instanceId() == null ? null : instances.get(c.instanceId()));
      sources.computeIfAbsent(key, k -> new TreeSet<>()).add(c.source());
      money.merge(key, c.money(), InstanceCharges.Money::plus);
      total = total.plus(c.money());
    }
    List<Group> groups = new ArrayList<>();
    money.forEach((key, m) -> groups.add(new Group(key, List.copyOf(sources.get(key)), m)));
    groups.sort(Comparator.comparing((Group g) -> g.money().total(), Comparator.<BigDecimal>reverseOrder()).thenComparing(Group::name));
    return new CostReport(from, to, by, List.copyOf(groups), total, charges.size());
  }
}
