package dev.vastmesh.costmonitor.metrics;

import dev.vastmesh.costmonitor.accounting.TrackedInstance;
import dev.vastmesh.costmonitor.budget.BudgetSpec;
import dev.vastmesh.costmonitor.budget.BudgetStatus;
import dev.vastmesh.costmonitor.sampling.SampleFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cost-monitor's Prometheus figures, OpenCost-style: hourly-rate gauges per instance, a
 * monotonic dollars counter per environment (so {@code increase()} works across restarts of the
 * ledger's counting), the balance, each budget's limit and spend, sample failures, orphans and
 * ghosts. Every label comes from a bounded set: instance ids of the account, environments and
 * budget ids (validated names), states, GPU models, and the fixed failure kinds.
 */
public final class CostMetrics {

  private final MeterRegistry meters;
  private final MultiGauge hourly;
  private final MultiGauge storage;
  private final MultiGauge budgetLimit;
  private final MultiGauge budgetSpent;
  private final Map<String, Double> totals = new ConcurrentHashMap<>();
  private final Map<String, Boolean> totalsRegistered = new ConcurrentHashMap<>();
  private final Counter samples;
  private final Counter reaped;
  private final Counter ghosts;
  private final Timer sampleTime;
  private volatile double balance = Double.NaN;
  private volatile double reconciliation;
  private volatile int orphans;
  private volatile boolean leaseHeld;

  public CostMetrics(MeterRegistry meters, boolean enforcement) {
    this.meters = meters;
    this.hourly = MultiGauge.builder("vastmesh.instance.hourly.cost.dollars")
        .description("Dollars per hour the instance bills in its current state (Vast's dph_total running, its storage stopped)").register(meters);
    this.storage = MultiGauge.builder("vastmesh.instance.storage.hourly.cost.dollars")
        .description("Dollars per hour of the instance's disk, billed in every state but offline").register(meters);
    this.budgetLimit = MultiGauge.builder("vastmesh.budget.limit.dollars")
        .description("The budget's limit for its period (dollars per hour for a burn-rate budget)").register(meters);
    this.budgetSpent = MultiGauge.builder("vastmesh.budget.spent.dollars")
        .description("Dollars spent in the budget's current period (dollars per hour now for a burn-rate budget)").register(meters);
    this.samples = Counter.builder("vastmesh.cost.samples").description("Complete samples of the account").register(meters);
    this.reaped = Counter.builder("vastmesh.orphans.reaped").description("Orphan instances destroyed by the reaper").register(meters);
    this.ghosts = Counter.builder("vastmesh.registry.ghosts.deregistered")
        .description("Registry entries deregistered because their instance no longer exists on Vast").register(meters);
    this.sampleTime = Timer.builder("vastmesh.cost.sample.duration").description("Time to read the account (all pages), balance and charges")
        .register(meters);
    Gauge.builder("vastmesh.account.balance.dollars", this, m -> m.balance).description("The Vast account's balance (credit left)")
        .register(meters);
    Gauge.builder("vastmesh.cost.reconciliation.difference.dollars", this, m -> m.reconciliation)
        .description("Today's (UTC) charges from Vast minus the spend the monitor accrued today").register(meters);
    Gauge.builder("vastmesh.orphans.found", this, m -> m.orphans).description("Orphan instances found by the last sample").register(meters);
    Gauge.builder("vastmesh.cost.enforcement.enabled", () -> enforcement ? 1 : 0)
        .description("1 when the acting key is configured and budgets and the reaper may act").register(meters);
    Gauge.builder("vastmesh.cost.lease.held", this, m -> m.leaseHeld ? 1 : 0)
        .description("1 on the replica that holds the acting lease").register(meters);
    for (SampleFailure.Source source : SampleFailure.Source.values()) {
      for (SampleFailure.Reason reason : SampleFailure.Reason.values()) {
        failureCounter(source, reason);
      }
    }
  }

  private Counter failureCounter(SampleFailure.Source source, SampleFailure.Reason reason) {
    return Counter.builder("vastmesh.cost.sample.failures").tag("source", source.label()).tag("reason", reason.label())
        .description("Samples skipped, by the answer that failed and why; no action is taken on a skipped sample").register(meters);
  }

  public void failed(SampleFailure failure) {
    failureCounter(failure.source(), failure.reason()).increment();
  }

  public void sampled(Duration took, double balance) {
    samples.increment();
    sampleTime.record(took);
    this.balance = balance;
  }

  public void instances(Collection<TrackedInstance> instances) {
    List<TrackedInstance> live = instances.stream().filter(i -> !i.gone()).toList();
    hourly.register(live.stream().map(i -> MultiGauge.Row.of(tags(i), i.hourly())).toList(), true);
    storage.register(live.stream().map(i -> MultiGauge.Row.of(tags(i), i.storageHourly())).toList(), true);
  }

  private static Tags tags(TrackedInstance instance) {
    return Tags.of("instance_id", Long.toString(instance.id()), "gpu", instance.gpu() == null ? "unknown" : instance.gpu(),
        "environment", instance.environmentLabel(), "state", instance.state() == null ? "created" : instance.state());
  }

  /** The ledger's monotonic totals per environment. */
  public void totals(Map<String, Double> byEnvironment) {
    byEnvironment.forEach((environment, dollars) -> {
      totals.merge(environment, dollars, Math::max);
      totalsRegistered.computeIfAbsent(environment, e -> {
        FunctionCounter.builder("vastmesh.cost.dollars", totals, t -> t.getOrDefault(e, 0.0)).tag("environment", e)
            .description("Dollars the account's instances accrued, by environment (monotonic: use increase())").register(meters);
        return true;
      });
    });
  }

  public void budgets(List<BudgetStatus> statuses) {
    budgetLimit.register(statuses.stream().map(s -> MultiGauge.Row.of(budgetTags(s.budget()), s.budget().limit())).toList(), true);
    budgetSpent.register(statuses.stream().map(s -> MultiGauge.Row.of(budgetTags(s.budget()), s.spent())).toList(), true);
  }

  private static Tags budgetTags(BudgetSpec budget) {
    return Tags.of("budget", budget.id(), "environment",
        budget.scope() == BudgetSpec.Scope.ENVIRONMENT && budget.match() != null ? budget.match() : "all");
  }

  public void reconciliation(double difference) {
    this.reconciliation = difference;
  }

  public void reaper(int found, int destroyed, int deregistered) {
    this.orphans = found;
    reaped.increment(destroyed);
    ghosts.increment(deregistered);
  }

  public void lease(boolean held) {
    this.leaseHeld = held;
  }

  public void acted(BudgetSpec budget, String outcome) {
    Counter.builder("vastmesh.budget.actions").tag("budget", budget.id()).tag("outcome", outcome)
        .description("Instances a budget stopped or destroyed (or failed to)").register(meters).increment();
  }
}
