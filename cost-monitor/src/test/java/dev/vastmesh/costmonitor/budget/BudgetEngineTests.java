package dev.vastmesh.costmonitor.budget;

import static dev.vastmesh.costmonitor.support.Rows.instance;
import static dev.vastmesh.costmonitor.support.Rows.sample;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.costmonitor.accounting.Ledger;
import dev.vastmesh.costmonitor.accounting.LedgerState;
import dev.vastmesh.costmonitor.events.CostEvents;
import dev.vastmesh.costmonitor.registry.RegistryEntry;
import dev.vastmesh.costmonitor.support.RecordingSink;
import dev.vastmesh.events.EventFactory;
import dev.vastmesh.events.EventType;
import dev.vastmesh.events.payload.BudgetAction;
import dev.vastmesh.events.payload.CostBudgetExceeded;
import dev.vastmesh.events.payload.CostPeriod;
import dev.vastmesh.events.payload.CostThresholdWarning;
import dev.vastmesh.vastai.model.Instance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class BudgetEngineTests {

  private static final Instant T0 = Instant.parse("2026-01-04T10:00:00Z");

  private final RecordingSink sink = new RecordingSink();
  private final CostEvents events = new CostEvents(EventFactory.create(Clock.fixed(T0, ZoneOffset.UTC), "/test"), sink);
  private final List<String> done = new CopyOnWriteArrayList<>();
  private final Actions actions = new Actions() {
    @Override
    public void stop(long instanceId) {
      done.add("stop " + instanceId);
    }

    @Override
    public void destroy(long instanceId) {
      done.add("destroy " + instanceId);
    }
  };
  private int checkpoints;

  private static BudgetSpec daily(String id, double limit, BudgetSpec.Action action) {
    return new BudgetSpec(id, BudgetSpec.Scope.ENVIRONMENT, "prod", CostPeriod.DAY, false, limit, action, 0.8, Duration.ZERO);
  }

  private static List<Instance> fleet() {
    return List.of(instance(1, "running", 1.0, 0.0, "vastmesh-deploy:a", T0), instance(2, "running", 1.0, 0.0, "vastmesh-deploy:b", T0),
        instance(3, "running", 1.0, 0.0, "foreign", T0));
  }

  private static List<RegistryEntry> registry() {
    return List.of(new RegistryEntry(1, "prod", "t1", Map.of()), new RegistryEntry(2, "prod", "t2", Map.of("vastmesh-protected", "true")),
        new RegistryEntry(3, "dev", "t3", Map.of()));
  }

  /** Samples the fleet at T0 and after {@code hours}. */
  private static Ledger ledgerAfter(double hours) {
    Ledger ledger = new Ledger(LedgerState.empty());
    ledger.apply(sample(T0, fleet(), registry()));
    ledger.apply(sample(T0.plusSeconds((long) (hours * 3600)), fleet(), registry()));
    return ledger;
  }

  private BudgetEngine engine(@Nullable Actions with) {
    return new BudgetEngine(events, with, "vastmesh-protected", (budget, outcome) -> { });
  }

  private List<BudgetStatus> evaluate(BudgetEngine engine, BudgetSpec budget, Ledger ledger, double hours) {
    return engine.evaluate(List.of(budget), ledger, T0.plusSeconds((long) (hours * 3600)), () -> checkpoints++);
  }

  @Test
  void belowTheWarningShareNothingHappens() {
    evaluate(engine(actions), daily("prod", 10, BudgetSpec.Action.DESTROY_INSTANCES), ledgerAfter(3), 3);

    assertThat(sink.all()).isEmpty();
    assertThat(done).isEmpty();
  }

  @Test
  void atTheWarningShareOneWarningIsSent() {
    BudgetEngine engine = engine(actions);
    BudgetSpec budget = daily("prod", 5, BudgetSpec.Action.DESTROY_INSTANCES);
    Ledger ledger = ledgerAfter(2);
    // prod is instances 1 and 2: 2 h × $2/h = $4 = 80 % of $5.
    evaluate(engine, budget, ledger, 2);
    evaluate(engine, budget, ledger, 2);

    assertThat(sink.ofType(EventType.COST_THRESHOLD_WARNING)).singleElement()
        .satisfies(e -> assertThat(e.dataAs(CostThresholdWarning.class).observed()).isEqualByComparingTo("4"));
    assertThat(done).isEmpty();
  }

  @Test
  void pastTheLimitTheBudgetActsOnceOnItsUnprotectedInstances() {
    BudgetEngine engine = engine(actions);
    BudgetSpec budget = daily("prod", 3, BudgetSpec.Action.DESTROY_INSTANCES);
    Ledger ledger = ledgerAfter(2);
    List<BudgetStatus> statuses = evaluate(engine, budget, ledger, 2);

    assertThat(statuses.getFirst().exceeded()).isTrue();
    assertThat(sink.ofType(EventType.COST_BUDGET_EXCEEDED)).singleElement().satisfies(e -> {
      CostBudgetExceeded data = e.dataAs(CostBudgetExceeded.class);
      assertThat(data.action()).isEqualTo(BudgetAction.DESTROY_INSTANCES);
      assertThat(data.affectedInstanceIds()).containsExactly(1L);
      assertThat(data.period()).isEqualTo(CostPeriod.DAY);
    });
    assertThat(done).containsExactly("destroy 1");
    assertThat(checkpoints).as("the mark is saved before the action").isEqualTo(1);
    assertThat(sink.ofType(EventType.INSTANCE_TERMINATED)).hasSize(1);
  }

  @Test
  void aRestartAfterTheActionNeitherRepeatsTheEventNorActsOnWhatIsGone() {
    BudgetSpec budget = daily("prod", 3, BudgetSpec.Action.DESTROY_INSTANCES);
    Ledger ledger = ledgerAfter(2);
    evaluate(engine(actions), budget, ledger, 2);
    // The restarted replica reads the saved ledger; instance 1 is gone at the next sample.
    Ledger restarted = new Ledger(ledger.state());
    List<Instance> left = new ArrayList<>(fleet().subList(1, 3));
    restarted.apply(sample(T0.plusSeconds(3 * 3600), left, registry()));
    evaluate(engine(actions), budget, restarted, 3);

    assertThat(sink.ofType(EventType.COST_BUDGET_EXCEEDED)).hasSize(1);
    assertThat(done).containsExactly("destroy 1");
  }

  @Test
  void anInstanceThatAppearsInAnExceededBudgetGetsTheSameAction() {
    BudgetEngine engine = engine(actions);
    BudgetSpec budget = daily("prod", 3, BudgetSpec.Action.STOP_INSTANCES);
    Ledger ledger = ledgerAfter(2);
    evaluate(engine, budget, ledger, 2);
    List<Instance> stoppedAndNew = List.of(instance(1, "stopped", 1.0, 0.0, "vastmesh-deploy:a", T0),
        instance(2, "running", 1.0, 0.0, "vastmesh-deploy:b", T0), instance(4, "running", 1.0, 0.0, "vastmesh-deploy:c", T0));
    List<RegistryEntry> withNew = new ArrayList<>(registry());
    withNew.add(new RegistryEntry(4, "prod", "t4", Map.of()));
    ledger.apply(sample(T0.plusSeconds(2 * 3600 + 60), stoppedAndNew, withNew));
    evaluate(engine, budget, ledger, 2.02);

    assertThat(done).containsExactly("stop 1", "stop 4");
    assertThat(sink.ofType(EventType.COST_BUDGET_EXCEEDED)).hasSize(1);
  }

  @Test
  void aDryRunReportsWhatWouldBeTouchedAndTouchesNothing() {
    evaluate(engine(actions), daily("prod", 3, BudgetSpec.Action.DRY_RUN), ledgerAfter(2), 2);

    assertThat(done).isEmpty();
    assertThat(sink.ofType(EventType.COST_BUDGET_EXCEEDED)).singleElement().satisfies(e -> {
      assertThat(e.dataAs(CostBudgetExceeded.class).action()).isEqualTo(BudgetAction.DRY_RUN);
      assertThat(e.dataAs(CostBudgetExceeded.class).affectedInstanceIds()).containsExactly(1L);
    });
  }

  @Test
  void withoutTheActingKeyEveryActionIsADryRun() {
    evaluate(engine(null), daily("prod", 3, BudgetSpec.Action.DESTROY_INSTANCES), ledgerAfter(2), 2);

    assertThat(sink.ofType(EventType.COST_BUDGET_EXCEEDED)).singleElement()
        .satisfies(e -> assertThat(e.dataAs(CostBudgetExceeded.class).action()).isEqualTo(BudgetAction.DRY_RUN));
  }

  @Test
  void anAlertBudgetSendsThresholdExceededAndActsOnNothing() {
    BudgetEngine engine = engine(actions);
    BudgetSpec budget = daily("prod", 3, BudgetSpec.Action.ALERT);
    Ledger ledger = ledgerAfter(2);
    evaluate(engine, budget, ledger, 2);
    evaluate(engine, budget, ledger, 2);

    assertThat(sink.ofType(EventType.COST_THRESHOLD_EXCEEDED)).hasSize(1);
    assertThat(sink.ofType(EventType.COST_BUDGET_EXCEEDED)).isEmpty();
    assertThat(done).isEmpty();
  }

  @Test
  void theGraceDelaysTheAction() {
    BudgetEngine engine = engine(actions);
    BudgetSpec budget = new BudgetSpec("prod", BudgetSpec.Scope.ENVIRONMENT, "prod", CostPeriod.DAY, false, 3.0,
        BudgetSpec.Action.DESTROY_INSTANCES, 0.8, Duration.ofMinutes(10));
    Ledger ledger = ledgerAfter(2);
    evaluate(engine, budget, ledger, 2);
    assertThat(done).isEmpty();
    ledger.apply(sample(T0.plusSeconds(2 * 3600 + 601), fleet(), registry()));
    evaluate(engine, budget, ledger, 2 + 601 / 3600.0);

    assertThat(done).containsExactly("destroy 1");
  }

  @Test
  void aBurnRateBudgetCapsTheHourlyRateNow() {
    BudgetSpec budget = new BudgetSpec("rate", BudgetSpec.Scope.ACCOUNT, null, null, true, 2.5, BudgetSpec.Action.DESTROY_INSTANCES, 0.8,
        Duration.ZERO);
    List<BudgetStatus> statuses = evaluate(engine(actions), budget, ledgerAfter(0.1), 0.1);

    assertThat(statuses.getFirst().spent()).isEqualTo(3.0);
    assertThat(done).as("the protected instance 2 is spared; 1 and 3 go").containsExactly("destroy 1", "destroy 3");
  }

  @Test
  void aNewPeriodStartsAfresh() {
    BudgetEngine engine = engine(actions);
    BudgetSpec budget = new BudgetSpec("hourly", BudgetSpec.Scope.ACCOUNT, null, CostPeriod.HOUR, false, 100.0, BudgetSpec.Action.ALERT,
        0.01, Duration.ZERO);
    Ledger ledger = ledgerAfter(0.5);
    evaluate(engine, budget, ledger, 0.5);
    ledger.apply(sample(T0.plusSeconds(3600 + 1800), fleet(), registry()));
    evaluate(engine, budget, ledger, 1.5);

    assertThat(sink.ofType(EventType.COST_THRESHOLD_WARNING)).as("one per hour").hasSize(2);
  }

  @Test
  void labelSelectorsMatchKeysAndValues() {
    BudgetSpec key = new BudgetSpec("l", BudgetSpec.Scope.LABEL, "vastmesh-protected", CostPeriod.DAY, false, 1.0, BudgetSpec.Action.ALERT,
        0.8, Duration.ZERO);
    BudgetSpec value = new BudgetSpec("l", BudgetSpec.Scope.LABEL, "vastmesh-protected=false", CostPeriod.DAY, false, 1.0,
        BudgetSpec.Action.ALERT, 0.8, Duration.ZERO);
    Ledger ledger = ledgerAfter(1);

    assertThat(ledger.spent(CostPeriod.DAY, T0.plusSeconds(3600), Scopes.of(key))).isEqualTo(1.0);
    assertThat(ledger.spent(CostPeriod.DAY, T0.plusSeconds(3600), Scopes.of(value))).isZero();
  }
}
