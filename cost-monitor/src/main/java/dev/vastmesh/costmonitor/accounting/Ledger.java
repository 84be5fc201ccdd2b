package dev.vastmesh.costmonitor.accounting;

import dev.vastmesh.costmonitor.registry.RegistryEntry;
import dev.vastmesh.costmonitor.sampling.Sample;
import dev.vastmesh.events.payload.CostPeriod;
import dev.vastmesh.vastai.deploy.DeployLabel;
import dev.vastmesh.vastai.model.BillingLine;
import dev.vastmesh.vastai.model.Instance;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The accounting: each instance's spend integrated from its hourly rate over the time between
 * samples (the rate of the state it was in), split at UTC hour and day boundaries into buckets;
 * reconciled with what Vast's charges say for today.
 */
public final class Ledger {

  private static final Pattern INSTANCE_SOURCE = Pattern.compile("^instance-(\\d+)$");
  private static final Duration KEEP_DAYS = Duration.ofDays(35);

  private LedgerState state;

  public Ledger(LedgerState state) {
    this.state = state;
  }

  public LedgerState state() {
    return state;
  }

  /**
   * Rebuilds today's spend per instance from the charges, for a ledger that starts empty (the
   * embedded mode after a restart). Instances already in the ledger keep what it has.
   */
  public void seed(List<BillingLine> charges, Instant now) {
    String today = Periods.dayKey(now);
    for (Map.Entry<Long, Double> charged : chargedByInstance(charges).entrySet()) {
      state.buckets().merge(charged.getKey() + "|d|" + today, charged.getValue(), Math::max);
    }
  }

  /** Integrates the time since the last sample, updates what is tracked, returns each live instance's accrual. */
  public List<Accrual> apply(Sample sample) {
    Instant now = sample.at();
    Instant last = state.lastSample();
    @Nullable Map<Long, RegistryEntry> registry = sample.registry() == null ? null
        : sample.registry().stream().collect(Collectors.toMap(RegistryEntry::instanceId, e -> e, (a, b) -> a));
    List<Accrual> accruals = new ArrayList<>();
    Set<Long> seen = new java.util.HashSet<>();
    for (Instance row : sample.instances()) {
      seen.add(row.id());
      @Nullable TrackedInstance before = state.instances().get(row.id());
      Instant from;
      double rate;
      if (before != null && !before.gone()) {
        from = before.lastSeen();
        rate = before.hourly();
      } else if (last != null) {
        Instant created = row.startDate() == null ? last : Instant.ofEpochMilli((long) (row.startDate() * 1000));
        from = created.isAfter(last) ? created : last;
        rate = Rates.hourly(row);
      } else {
        from = now;
        rate = 0;
      }
      TrackedInstance now1 = track(row, before, registry == null ? null : registry.get(row.id()), registry != null, now);
      double amount = from.isBefore(now) ? add(now1, from, now, rate) : 0;
      state.instances().put(row.id(), now1);
      accruals.add(new Accrual(now1, from, now, amount));
    }
    state.instances().replaceAll((id, tracked) -> seen.contains(id) || tracked.gone() ? tracked : tracked.markGone());
    prune(now);
    state = state.at(now);
    return accruals;
  }

  private static TrackedInstance track(Instance row, @Nullable TrackedInstance before, @Nullable RegistryEntry entry, boolean registryRead,
      Instant now) {
    String status = row.actualStatus();
    boolean running = "running".equals(status);
    boolean halted = "exited".equals(status) || "stopped".equals(status);
    Instant runningSince = running ? before != null && before.runningSince() != null ? before.runningSince() : now : null;
    Instant haltedSince = halted ? before != null && before.haltedSince() != null ? before.haltedSince() : now : null;
    // The registry's word first; else the environment vastai deploy wrote into the label.
    String labelled = DeployLabel.parse(row.label()).map(DeployLabel::environment).orElse(null);
    String environment = entry != null && entry.environment() != null ? entry.environment()
        : labelled != null ? labelled : before == null ? null : before.environment();
    String trigger = entry != null ? entry.triggerId() : before == null ? null : before.triggerId();
    Map<String, String> labels = entry != null ? entry.labels() : before == null ? Map.of() : before.labels();
    boolean registered = registryRead ? entry != null : before != null && before.registered();
    return new TrackedInstance(row.id(), status, Rates.hourly(row), Rates.storage(row), row.gpuName(), environment, trigger, labels,
        row.label(), registered, now, runningSince, haltedSince, false);
  }

  /** Adds {@code rate} $/h over [from, to) to the instance's buckets and its environment's total. */
  double add(TrackedInstance instance, Instant from, Instant to, double rate) {
    double total = 0;
    Instant cursor = from;
    while (cursor.isBefore(to)) {
      Instant boundary = Periods.nextHour(cursor);
      Instant end = boundary.isBefore(to) ? boundary : to;
      double amount = rate * Duration.between(cursor, end).toNanos() / 3.6e12;
      state.buckets().merge(instance.id() + "|h|" + Periods.hourKey(cursor), amount, Double::sum);
      state.buckets().merge(instance.id() + "|d|" + Periods.dayKey(cursor), amount, Double::sum);
      total += amount;
      cursor = end;
    }
    state.totals().merge(instance.environmentLabel(), total, Double::sum);
    return total;
  }

  /** Spend of the matching instances in the period that contains {@code now} (UTC). */
  public double spent(CostPeriod period, Instant now, Predicate<TrackedInstance> scope) {
    Map<Long, TrackedInstance> instances = state.instances();
    double sum = 0;
    if (period == CostPeriod.HOUR) {
      String hour = Periods.hourKey(now);
      for (TrackedInstance instance : instances.values()) {
        if (scope.test(instance)) {
          sum += state.buckets().getOrDefault(instance.id() + "|h|" + hour, 0.0);
        }
      }
      return sum;
    }
    LocalDate first = LocalDate.ofInstant(Periods.start(period, now), ZoneOffset.UTC);
    LocalDate last = LocalDate.ofInstant(now, ZoneOffset.UTC);
    for (TrackedInstance instance : instances.values()) {
      if (scope.test(instance)) {
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
          sum += state.buckets().getOrDefault(instance.id() + "|d|" + day, 0.0);
        }
      }
    }
    return sum;
  }

  /** The $/h the matching live instances bill now. */
  public double burnRate(Predicate<TrackedInstance> scope) {
    return state.instances().values().stream().filter(i -> !i.gone() && scope.test(i)).mapToDouble(TrackedInstance::hourly).sum();
  }

  /** What today's charges say, minus what the ledger accrued today (all instances): the reconciliation gap. */
  public double reconcile(List<BillingLine> charges, Instant now) {
    double charged = chargedByInstance(charges).values().stream().mapToDouble(Double::doubleValue).sum();
    return charged - spent(CostPeriod.DAY, now, i -> true);
  }

  static Map<Long, Double> chargedByInstance(List<BillingLine> charges) {
    Map<Long, Double> byInstance = new HashMap<>();
    for (BillingLine line : charges) {
      if (line.source() == null || line.amount() == null) {
        continue;
      }
      Matcher id = INSTANCE_SOURCE.matcher(line.source());
      if (id.matches()) {
        byInstance.merge(Long.parseLong(id.group(1)), line.amount(), Double::sum);
      }
    }
    return byInstance;
  }

  private void prune(Instant now) {
    String hour = Periods.hourKey(now);
    String previousHour = Periods.hourKey(now.minus(Duration.ofHours(1)));
    String oldestDay = Periods.dayKey(now.minus(KEEP_DAYS));
    state.buckets().keySet().removeIf(key -> {
      String[] parts = key.split("\\|", 3);
      return parts[1].equals("h") ? !parts[2].equals(hour) && !parts[2].equals(previousHour) : parts[2].compareTo(oldestDay) < 0;
    });
    Set<Long> withSpend = state.buckets().keySet().stream().map(k -> Long.parseLong(k.substring(0, k.indexOf('|'))))
        .collect(Collectors.toSet());
    state.instances().values().removeIf(i -> i.gone() && !withSpend.contains(i.id()));
  }
}
