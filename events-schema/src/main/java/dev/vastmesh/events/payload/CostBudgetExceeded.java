package dev.vastmesh.events.payload;

import java.math.BigDecimal;
import java.util.List;

/**
 * A hard budget was exceeded ({@code vastai.cost.budget_exceeded}).
 *
 * @param budgetId the configured budget's id
 * @param budget the budget's amount over {@code period}
 * @param spent what was spent in the period
 * @param action what the budget owner configured to happen now
 * @param affectedInstanceIds the instances the action applies to
 */
public record CostBudgetExceeded(
    @Constraints.MaxLength(256) String budgetId,
    CostPeriod period,
    @Constraints.Min(0) BigDecimal budget,
    @Constraints.Min(0) BigDecimal spent,
    @Constraints.Pattern(Constraints.CURRENCY) String currency,
    BudgetAction action,
    List<Long> affectedInstanceIds) implements CostPayload {

  public CostBudgetExceeded {
    affectedInstanceIds = Copies.list(affectedInstanceIds);
  }
}
