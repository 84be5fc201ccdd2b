package dev.vastmesh.costmonitor.api;

import dev.vastmesh.costmonitor.budget.BudgetSpec;
import dev.vastmesh.costmonitor.budget.BudgetStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A budget and, once a sample judged it, where it stands. */
record BudgetView(String id, String scope, @Nullable String match, @Nullable String period, boolean burnRate, double limit, String action,
    double warnAt, long graceSeconds, @Nullable State state) {

  /** @param spent dollars in the period, or $/h now for a burn rate */
  record State(double spent, Instant periodStart, Instant periodEnd, boolean warned, boolean exceeded, @Nullable Instant overSince,
      boolean acted) {
  }

  static BudgetView of(BudgetSpec budget, @Nullable BudgetStatus status) {
    return new BudgetView(budget.id(), budget.scope().wire(), budget.match(), budget.period() == null ? null : budget.period().wire(),
        budget.burnRate(), budget.limit(), budget.action().wire(), budget.warnAt(), budget.grace().toSeconds(),
        status == null ? null : new State(status.spent(), status.periodStart(), status.periodEnd(), status.warned(), status.exceeded(),
            status.overSince(), status.acted()));
  }
}
