package dev.vastmesh.costmonitor.store;

import dev.vastmesh.costmonitor.accounting.LedgerState;
import dev.vastmesh.costmonitor.budget.BudgetSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicReference;

/** The embedded mode: state in this process only. */
public final class InMemoryStores {

  private InMemoryStores() {
  }

  public static LedgerStore ledger() {
    AtomicReference<LedgerState> held = new AtomicReference<>();
    return new LedgerStore() {
      @Override
      public Optional<LedgerState> load() {
        return Optional.ofNullable(held.get());
      }

      @Override
      public void save(LedgerState state) {
        held.set(state);
      }

      @Override
      public boolean durable() {
        return false;
      }
    };
  }

  public static BudgetStore budgets(List<BudgetSpec> configured) {
    Map<String, BudgetSpec> budgets = new ConcurrentSkipListMap<>();
    configured.forEach(b -> budgets.put(b.id(), b));
    return new BudgetStore() {
      @Override
      public List<BudgetSpec> all() {
        return new ArrayList<>(budgets.values());
      }

      @Override
      public Optional<BudgetSpec> get(String id) {
        return Optional.ofNullable(budgets.get(id));
      }

      @Override
      public boolean put(BudgetSpec budget) {
        return budgets.put(budget.id(), budget) == null;
      }

      @Override
      public boolean remove(String id) {
        return budgets.remove(id) != null;
      }
    };
  }
}
