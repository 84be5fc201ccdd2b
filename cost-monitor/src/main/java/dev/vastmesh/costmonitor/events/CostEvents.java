package dev.vastmesh.costmonitor.events;

import dev.vastmesh.costmonitor.accounting.Accrual;
import dev.vastmesh.costmonitor.accounting.TrackedInstance;
import dev.vastmesh.costmonitor.budget.BudgetSpec;
import dev.vastmesh.events.EventFactory;
import dev.vastmesh.events.EventOptions;
import dev.vastmesh.events.payload.BudgetAction;
import dev.vastmesh.events.payload.CostBudgetExceeded;
import dev.vastmesh.events.payload.CostSampled;
import dev.vastmesh.events.payload.CostThresholdExceeded;
import dev.vastmesh.events.payload.CostThresholdWarning;
import dev.vastmesh.events.payload.EventPayload;
import dev.vastmesh.events.payload.InstanceTerminated;
import dev.vastmesh.events.payload.TerminationReason;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The cost-monitor's events, made canonical by events-schema's factory: {@code vastai.cost.sampled}
 * per instance and for the account, the thresholds, {@code budget_exceeded}, and
 * {@code vastai.instance.terminated} for each instance a budget or the reaper destroyed. Every
 * enforcement event carries an idempotency key, so a replayed one is recognised downstream.
 */
public final class CostEvents {

  public static final String CURRENCY = "USD";

  private final EventFactory factory;
  private final EventSink sink;

  public CostEvents(EventFactory factory, EventSink sink) {
    this.factory = factory;
    this.sink = sink;
  }

  public void sampled(List<Accrual> accruals, @Nullable Instant since, Instant now) {
    double rate = 0;
    double accrued = 0;
    for (Accrual accrual : accruals) {
      TrackedInstance instance = accrual.instance();
      rate += instance.hourly();
      accrued += accrual.amount();
      publish(new CostSampled(instance.id(), money(instance.hourly()), money(accrual.amount()), CURRENCY, accrual.from(), accrual.to()),
          EventOptions.none().withEnvironment(instance.environment()).withTriggerId(instance.triggerId()));
    }
    publish(new CostSampled(null, money(rate), money(accrued), CURRENCY, since == null ? now : since, now), EventOptions.none());
  }

  public void warning(BudgetSpec budget, Instant periodStart, double observed) {
    publish(new CostThresholdWarning(budget.id(), budget.eventPeriod(), money(budget.limit()), money(observed), CURRENCY, null),
        options(budget).withIdempotencyKey(key(budget, periodStart, "warning")));
  }

  public void exceeded(BudgetSpec budget, Instant periodStart, double observed) {
    publish(new CostThresholdExceeded(budget.id(), budget.eventPeriod(), money(budget.limit()), money(observed), CURRENCY, null),
        options(budget).withIdempotencyKey(key(budget, periodStart, "exceeded")));
  }

  public void budgetExceeded(BudgetSpec budget, Instant periodStart, double observed, BudgetAction action, List<Long> instances) {
    publish(new CostBudgetExceeded(budget.id(), budget.eventPeriod(), money(budget.limit()), money(observed), CURRENCY, action, instances),
        options(budget).withIdempotencyKey(key(budget, periodStart, "budget_exceeded")));
  }

  public void terminated(TrackedInstance instance, TerminationReason reason, String note) {
    publish(new InstanceTerminated(instance.id(), null, reason, null, null, null, note),
        EventOptions.none().withEnvironment(instance.environment()).withTriggerId(instance.triggerId())
            .withIdempotencyKey("terminated|" + instance.id()));
  }

  private static EventOptions options(BudgetSpec budget) {
    return budget.scope() == BudgetSpec.Scope.ENVIRONMENT ? EventOptions.none().withEnvironment(budget.match())
        : budget.scope() == BudgetSpec.Scope.TRIGGER ? EventOptions.none().withTriggerId(budget.match()) : EventOptions.none();
  }

  private static String key(BudgetSpec budget, Instant periodStart, String what) {
    return budget.id() + "|" + periodStart + "|" + what;
  }

  private void publish(EventPayload payload, EventOptions options) {
    sink.publish(factory.create(payload, options));
  }

  static BigDecimal money(double dollars) {
    return BigDecimal.valueOf(Math.max(0, dollars)).setScale(6, RoundingMode.HALF_UP);
  }
}
