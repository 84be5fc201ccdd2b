package dev.vastmesh.costmonitor.store;

import dev.vastmesh.costmonitor.budget.BudgetSpec;
import java.util.List;
import java.util.Optional;

/** The budgets in force: configured ones at first start, then as the API changes them. */
public interface BudgetStore {

  List<BudgetSpec> all();

  Optional<BudgetSpec> get(String id);

  /** Creates or replaces; true when it was new. */
  boolean put(BudgetSpec budget);

  boolean remove(String id);
}
