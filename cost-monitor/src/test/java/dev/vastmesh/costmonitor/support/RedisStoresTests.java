package dev.vastmesh.costmonitor.support;

import static dev.vastmesh.costmonitor.support.Rows.entry;
import static dev.vastmesh.costmonitor.support.Rows.instance;
import static dev.vastmesh.costmonitor.support.Rows.sample;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.costmonitor.accounting.Ledger;
import dev.vastmesh.costmonitor.accounting.LedgerState;
import dev.vastmesh.costmonitor.budget.BudgetSpec;
import dev.vastmesh.costmonitor.store.BudgetStore;
import dev.vastmesh.costmonitor.store.Lease;
import dev.vastmesh.costmonitor.store.LedgerStore;
import dev.vastmesh.costmonitor.store.RedisStores;
import dev.vastmesh.events.payload.CostPeriod;
import dev.vastmesh.testsupport.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The Redis mode's stores against a real Redis (the test fails without one). */
class RedisStoresTests {

  private final TestRedis redis = new TestRedis();
  private final RedisStores stores = new RedisStores(redis.template(), redis.prefix(), JsonMapper.builder().build());

  @AfterEach
  void close() {
    redis.close();
  }

  @Test
  void theLedgerSurvivesARestart() {
    Instant t0 = Instant.parse("2026-01-04T10:00:00Z");
    Ledger ledger = new Ledger(LedgerState.empty());
    ledger.apply(sample(t0, List.of(instance(1, "running", 1.0, 0.0, "vastmesh-deploy:x", t0)), List.of(entry(1, "prod"))));
    ledger.apply(sample(t0.plusSeconds(3600), List.of(instance(1, "running", 1.0, 0.0, "vastmesh-deploy:x", t0)), List.of(entry(1, "prod"))));
    ledger.state().fired().add("prod|2026-01-04T00:00:00Z|budget_exceeded");
    stores.ledger().save(ledger.state());

    LedgerStore restarted = new RedisStores(redis.template(), redis.prefix(), JsonMapper.builder().build()).ledger();
    LedgerState loaded = restarted.load().orElseThrow();

    assertThat(loaded).isEqualTo(ledger.state());
    assertThat(new Ledger(loaded).spent(CostPeriod.DAY, t0.plusSeconds(3600), i -> "prod".equals(i.environment()))).isEqualTo(1.0);
    assertThat(restarted.durable()).isTrue();
  }

  @Test
  void configuredBudgetsDoNotOverwriteWhatTheApiChanged() {
    BudgetSpec configured = new BudgetSpec("fleet", BudgetSpec.Scope.ACCOUNT, null, CostPeriod.DAY, false, 10.0, BudgetSpec.Action.ALERT, 0.8,
        Duration.ZERO);
    BudgetStore first = stores.budgets(List.of(configured));
    first.put(new BudgetSpec("fleet", BudgetSpec.Scope.ACCOUNT, null, CostPeriod.DAY, false, 25.0, BudgetSpec.Action.ALERT, 0.8, Duration.ZERO));

    BudgetStore afterRestart = stores.budgets(List.of(configured));

    assertThat(afterRestart.get("fleet")).get().extracting(BudgetSpec::limit).isEqualTo(25.0);
  }

  @Test
  void onlyOneHolderOfTheLeaseAtATime() {
    Lease a = stores.lease(Duration.ofSeconds(30));
    Lease b = stores.lease(Duration.ofSeconds(30));

    assertThat(a.acquire()).isTrue();
    assertThat(b.acquire()).isFalse();
    assertThat(a.acquire()).as("the holder renews").isTrue();
    a.release();
    assertThat(b.acquire()).as("released: the other takes it").isTrue();
    assertThat(a.acquire()).isFalse();
  }
}
