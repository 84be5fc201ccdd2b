package dev.vastmesh.costmonitor.budget;

import dev.vastmesh.costmonitor.accounting.Ledger;
import dev.vastmesh.costmonitor.accounting.LedgerState;
import dev.vastmesh.costmonitor.accounting.Periods;
import dev.vastmesh.costmonitor.accounting.TrackedInstance;
import dev.vastmesh.costmonitor.events.CostEvents;
import dev.vastmesh.events.payload.BudgetAction;
import dev.vastmesh.events.payload.CostPeriod;
import dev.vastmesh.events.payload.TerminationReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges every budget against the ledger after a sample: a warning at {@code warnAt} of the limit,
 * and at the limit either {@code threshold_exceeded} (an alert budget) or, once the spend stayed
 * past it for the grace, {@code budget_exceeded} and the action. Each event goes once per budget
 * and period: its mark is in the ledger, saved (the checkpoint) before anything is sent or done,
 * so a restart mid-action neither repeats the event nor acts twice on an instance already
 * stopped or destroyed. While the period lasts, instances that appear in an exceeded budget get
 * the same action. Protected instances are never touched.
 */
public final class BudgetEngine {

  private static final Logger log = LoggerFactory.getLogger(BudgetEngine.class);

  private final CostEvents events;
  private final @Nullable Actions actions;
  private final String protectionLabel;
  private final ActionCounter counter;

  /** Counts each action taken, for the metrics. */
  public interface ActionCounter {
    void acted(BudgetSpec budget, String action);
  }

  /**
   * @param actions null when enforcement is off (no acting key): actions are reported as dry runs
   */
  public BudgetEngine(CostEvents events, @Nullable Actions actions, String protectionLabel, ActionCounter counter) {
    this.events = events;
    this.actions = actions;
    this.protectionLabel = protectionLabel;
    this.counter = counter;
  }

  /** @param checkpoint saves the ledger with its marks; run before any enforcement event or action */
  public List<BudgetStatus> evaluate(List<BudgetSpec> budgets, Ledger ledger, Instant now, Runnable checkpoint) {
    List<BudgetStatus> statuses = new ArrayList<>();
    for (BudgetSpec budget : budgets) {
      statuses.add(evaluate(budget, ledger, now, checkpoint));
    }
    return statuses;
  }

  BudgetStatus evaluate(BudgetSpec budget, Ledger ledger, Instant now, Runnable checkpoint) {
    LedgerState state = ledger.state();
    Predicate<TrackedInstance> scope = Scopes.of(budget);
    CostPeriod period = budget.eventPeriod();
    Instant start = Periods.start(period, now);
    double observed = budget.burnRate() ? ledger.burnRate(scope) : ledger.spent(period, now, scope);
    String key = budget.id() + "|" + start;
    state.overSince().keySet().removeIf(k -> k.startsWith(budget.id() + "|") && !k.equals(key));
    state.fired().removeIf(k -> k.startsWith(budget.id() + "|") && !k.startsWith(key + "|"));
    double limit = budget.limit();
    if (observed >= budget.warnAt() * limit && observed < limit && mark(state, key + "|warning")) {
      log.warn("budget {} at {}% of its limit: spent {} of {} USD ({} from {})", budget.id(), Math.round(100 * observed / Math.max(limit, 1e-9)),
          round(observed), round(limit), period.wire(), start);
      events.warning(budget, start, observed);
    }
    boolean over = observed > 0 && observed >= limit;
    boolean acted = false;
    if (over) {
      Instant since = state.overSince().computeIfAbsent(key, k -> now);
      if (budget.action() == BudgetSpec.Action.ALERT) {
        if (mark(state, key + "|exceeded")) {
          log.warn("budget {} exceeded: spent {} of {} USD ({} from {}); action alert", budget.id(), round(observed), round(limit), period.wire(), start);
          events.exceeded(budget, start, observed);
        }
      } else if (!Duration.between(since, now).minus(budget.grace()).isNegative()) {
        acted = enforce(budget, ledger, scope, key, start, observed, checkpoint);
      }
    }
    return new BudgetStatus(budget, observed, start, Periods.end(period, now), state.fired().contains(key + "|warning"),
        over, state.overSince().get(key), acted || state.fired().contains(key + "|budget_exceeded"));
  }

  private boolean enforce(BudgetSpec budget, Ledger ledger, Predicate<TrackedInstance> scope, String key, Instant start, double observed,
      Runnable checkpoint) {
    BudgetAction action = actions == null || budget.action() == BudgetSpec.Action.DRY_RUN ? BudgetAction.DRY_RUN
        : budget.action() == BudgetSpec.Action.STOP_INSTANCES ? BudgetAction.STOP_INSTANCES : BudgetAction.DESTROY_INSTANCES;
    List<TrackedInstance> targets = ledger.state().instances().values().stream()
        .filter(i -> !i.gone() && scope.test(i) && !Scopes.isProtected(i, protectionLabel))
        .filter(i -> budget.action() != BudgetSpec.Action.STOP_INSTANCES || !"stopped".equals(i.state()))
        .toList();
    boolean first = mark(ledger.state(), key + "|budget_exceeded");
    if (first) {
      checkpoint.run();
      log.warn("budget {} exceeded: spent {} of {} USD ({} from {}); action {} on instances {}", budget.id(), round(observed),
          round(budget.limit()), budget.eventPeriod().wire(), start, action.wire(), targets.stream().map(TrackedInstance::id).toList());
      events.budgetExceeded(budget, start, observed, action, targets.stream().map(TrackedInstance::id).toList());
    }
    if (action == BudgetAction.DRY_RUN) {
      if (first) {
        targets.forEach(i -> log.warn("budget {} (dry run): would {} instance {} (spent {} USD)", budget.id(), budget.action().wire(), i.id(),
            round(observed)));
      }
      return true;
    }
    for (TrackedInstance instance : targets) {
      act(budget, action, instance, observed);
    }
    return true;
  }

  private void act(BudgetSpec budget, BudgetAction action, TrackedInstance instance, double observed) {
    try {
      if (action == BudgetAction.STOP_INSTANCES) {
        actions.stop(instance.id());
        log.warn("budget {}: stopped instance {} (spent {} of {} USD; its storage still bills)", budget.id(), instance.id(), round(observed),
            round(budget.limit()));
        counter.acted(budget, "stopped");
      } else {
        actions.destroy(instance.id());
        log.warn("budget {}: destroyed instance {} (spent {} of {} USD)", budget.id(), instance.id(), round(observed), round(budget.limit()));
        counter.acted(budget, "destroyed");
        events.terminated(instance, TerminationReason.BUDGET_EXCEEDED, "destroyed by the cost-monitor: budget " + budget.id());
      }
    } catch (RuntimeException e) {
      log.error("budget {}: could not {} instance {}: {}", budget.id(), action.wire(), instance.id(), e.getMessage());
      counter.acted(budget, "failed");
    }
  }

  private static boolean mark(LedgerState state, String mark) {
    return state.fired().add(mark);
  }

  static String round(double dollars) {
    return String.format(java.util.Locale.ROOT, "%.4f", dollars);
  }
}
