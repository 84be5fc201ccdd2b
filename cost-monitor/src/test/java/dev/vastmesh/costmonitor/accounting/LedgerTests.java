package dev.vastmesh.costmonitor.accounting;

import static dev.vastmesh.costmonitor.support.Rows.charge;
import static dev.vastmesh.costmonitor.support.Rows.entry;
import static dev.vastmesh.costmonitor.support.Rows.instance;
import static dev.vastmesh.costmonitor.support.Rows.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vastmesh.events.payload.CostPeriod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class LedgerTests {

  private static final Offset<Double> CENT = within(1e-9);
  private static final Instant T0 = Instant.parse("2026-01-04T10:00:00Z");

  @Test
  void aRunningInstanceAccruesItsTotalRateBetweenSamples() {
    Ledger ledger = new Ledger(LedgerState.empty());
    ledger.apply(sample(T0, List.of(instance(1, "running", 1.0, 0.2, null, T0.minusSeconds(60))), null));
    List<Accrual> accruals = ledger.apply(sample(T0.plus(Duration.ofMinutes(30)),
        List.of(instance(1, "running", 1.0, 0.2, null, T0.minusSeconds(60))), null));

    assertThat(accruals).singleElement().satisfies(a -> assertThat(a.amount()).isCloseTo(0.6, CENT));
    assertThat(ledger.spent(CostPeriod.DAY, T0.plus(Duration.ofMinutes(30)), i -> true)).isCloseTo(0.6, CENT);
  }

  @Test
  void aStoppedInstanceStillAccruesItsStorage() {
    Ledger ledger = new Ledger(LedgerState.empty());
    ledger.apply(sample(T0, List.of(instance(1, "stopped", 1.0, 0.2, null, T0.minusSeconds(60))), null));
    ledger.apply(sample(T0.plus(Duration.ofHours(2)), List.of(instance(1, "stopped", 1.0, 0.2, null, T0.minusSeconds(60))), null));

    assertThat(ledger.spent(CostPeriod.DAY, T0.plus(Duration.ofHours(2)), i -> true)).as("two hours of storage, no GPU")
        .isCloseTo(0.4, CENT);
    assertThat(ledger.burnRate(i -> true)).isCloseTo(0.2, CENT);
  }

  @Test
  void theIntervalIsBilledAtTheRateOfTheStateItWasIn() {
    Ledger ledger = new Ledger(LedgerState.empty());
    ledger.apply(sample(T0, List.of(instance(1, "running", 1.0, 0.2, null, T0)), null));
    // Outbid during the hour: the hour was running, the next one is stopped.
    ledger.apply(sample(T0.plus(Duration.ofHours(1)), List.of(instance(1, "stopped", 1.0, 0.2, null, T0)), null));
    ledger.apply(sample(T0.plus(Duration.ofHours(2)), List.of(instance(1, "stopped", 1.0, 0.2, null, T0)), null));

    assertThat(ledger.spent(CostPeriod.DAY, T0.plus(Duration.ofHours(2)), i -> true)).isCloseTo(1.2 + 0.2, CENT);
  }

  @Test
  void spendIsSplitAtUtcHourAndDayBoundaries() {
    Instant beforeMidnight = Instant.parse("2026-01-04T23:30:00Z");
    Ledger ledger = new Ledger(LedgerState.empty());
    ledger.apply(sample(beforeMidnight, List.of(instance(1, "running", 2.0, 0.0, null, beforeMidnight)), null));
    Instant after = Instant.parse("2026-01-05T00:15:00Z");
    ledger.apply(sample(after, List.of(instance(1, "running", 2.0, 0.0, null, beforeMidnight)), null));

    assertThat(ledger.spent(CostPeriod.DAY, after, i -> true)).as("only the quarter hour after midnight is today's").isCloseTo(0.5, CENT);
    assertThat(ledger.spent(CostPeriod.HOUR, after, i -> true)).isCloseTo(0.5, CENT);
    assertThat(ledger.spent(CostPeriod.WEEK, after, i -> true)).as("2026-01-05 is a Monday: a new week").isCloseTo(0.5, CENT);
    assertThat(ledger.spent(CostPeriod.MONTH, after, i -> true)).as("January goes on").isCloseTo(1.5, CENT);
    assertThat(ledger.spent(CostPeriod.DAY, beforeMidnight.plusSeconds(60), i -> true)).as("yesterday").isCloseTo(1.0, CENT);
  }

  @Test
  void periodsStartAtUtcBoundaries() {
    Instant now = Instant.parse("2026-01-07T15:42:10Z");
    assertThat(Periods.start(CostPeriod.HOUR, now)).isEqualTo("2026-01-07T15:00:00Z");
    assertThat(Periods.start(CostPeriod.DAY, now)).isEqualTo("2026-01-07T00:00:00Z");
    assertThat(Periods.start(CostPeriod.WEEK, now)).isEqualTo("2026-01-05T00:00:00Z");
    assertThat(Periods.start(CostPeriod.MONTH, now)).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(Periods.end(CostPeriod.MONTH, now)).isEqualTo("2026-02-01T00:00:00Z");
    assertThat(Periods.start(CostPeriod.WEEK, Instant.parse("2026-01-05T00:00:00Z"))).isEqualTo("2026-01-05T00:00:00Z");
  }

  @Test
  void anInstanceCreatedBetweenSamplesAccruesFromItsCreation() {
    Ledger ledger = new Ledger(LedgerState.empty());
    ledger.apply(sample(T0, List.of(), null));
    Instant created = T0.plus(Duration.ofMinutes(45));
    ledger.apply(sample(T0.plus(Duration.ofHours(1)), List.of(instance(7, "loading", 1.0, 0.4, null, created)), null));

    assertThat(ledger.spent(CostPeriod.DAY, T0.plus(Duration.ofHours(1)), i -> true)).as("a quarter hour of storage while loading")
        .isCloseTo(0.1, CENT);
  }

  @Test
  void aDestroyedInstanceKeepsItsSpendInItsEnvironment() {
    Ledger ledger = new Ledger(LedgerState.empty());
    ledger.apply(sample(T0, List.of(instance(1, "running", 1.0, 0.0, null, T0)), List.of(entry(1, "prod"))));
    ledger.apply(sample(T0.plus(Duration.ofHours(1)), List.of(instance(1, "running", 1.0, 0.0, null, T0)), List.of(entry(1, "prod"))));
    ledger.apply(sample(T0.plus(Duration.ofHours(2)), List.of(instance(2, "running", 1.0, 0.0, null, T0)), List.of()));

    assertThat(ledger.state().instances().get(1L).gone()).isTrue();
    assertThat(ledger.spent(CostPeriod.DAY, T0.plus(Duration.ofHours(2)), i -> "prod".equals(i.environment()))).isCloseTo(1.0, CENT);
    assertThat(ledger.state().totals()).containsEntry("prod", 1.0);
    assertThat(ledger.burnRate(i -> "prod".equals(i.environment()))).isZero();
  }

  @Test
  void reconciliationIsTodaysChargesMinusTheAccruedSpend() {
    Ledger ledger = new Ledger(LedgerState.empty());
    ledger.apply(sample(T0, List.of(instance(1, "running", 1.0, 0.0, null, T0)), null));
    ledger.apply(sample(T0.plus(Duration.ofHours(1)), List.of(instance(1, "running", 1.0, 0.0, null, T0)), null));

    assertThat(ledger.reconcile(List.of(charge(1, 1.25), charge(99, 0.5)), T0.plus(Duration.ofHours(1)))).isCloseTo(0.75, CENT);
  }

  @Test
  void anEmptyLedgerRebuildsTheDayFromTheCharges() {
    Ledger ledger = new Ledger(LedgerState.empty());
    ledger.seed(List.of(charge(1, 3.5), charge(1, 0.5), charge(2, 1.0)), T0);
    ledger.apply(sample(T0, List.of(instance(1, "running", 1.0, 0.0, null, T0), instance(2, "stopped", 1.0, 0.1, null, T0)),
        List.of(entry(1, "prod"), entry(2, "dev"))));

    assertThat(ledger.spent(CostPeriod.DAY, T0, i -> "prod".equals(i.environment()))).isCloseTo(4.0, CENT);
    assertThat(ledger.spent(CostPeriod.DAY, T0, i -> true)).isCloseTo(5.0, CENT);
    assertThat(ledger.reconcile(List.of(charge(1, 4.0), charge(2, 1.0)), T0)).isCloseTo(0.0, CENT);
  }

  @Test
  void offlineBillsNothing() {
    Ledger ledger = new Ledger(LedgerState.empty());
    ledger.apply(sample(T0, List.of(instance(1, "offline", 1.0, 0.2, null, T0)), null));
    ledger.apply(sample(T0.plus(Duration.ofHours(1)), List.of(instance(1, "offline", 1.0, 0.2, null, T0)), null));

    assertThat(ledger.spent(CostPeriod.DAY, T0.plus(Duration.ofHours(1)), i -> true)).isZero();
  }

  @Test
  void anUnregisteredInstanceCountsInTheEnvironmentItsDeployLabelNames() {
    Ledger ledger = new Ledger(LedgerState.empty());
    ledger.apply(sample(T0, List.of(instance(1, "running", 1.0, 0.0, "vastmesh-deploy:p1;env=staging", T0)), List.of()));
    ledger.apply(sample(T0.plus(Duration.ofHours(1)), List.of(instance(1, "running", 1.0, 0.0, "vastmesh-deploy:p1;env=staging", T0)),
        List.of()));

    assertThat(ledger.spent(CostPeriod.DAY, T0.plus(Duration.ofHours(1)), i -> "staging".equals(i.environment()))).isCloseTo(1.0, CENT);
    assertThat(ledger.state().totals()).containsKey("staging");
  }
}
