package dev.vastmesh.costmonitor.monitor;

import dev.vastmesh.costmonitor.accounting.Accrual;
import dev.vastmesh.costmonitor.accounting.Ledger;
import dev.vastmesh.costmonitor.accounting.LedgerState;
import dev.vastmesh.costmonitor.budget.BudgetEngine;
import dev.vastmesh.costmonitor.budget.BudgetStatus;
import dev.vastmesh.costmonitor.events.CostEvents;
import dev.vastmesh.costmonitor.metrics.CostMetrics;
import dev.vastmesh.costmonitor.reaper.Reaper;
import dev.vastmesh.costmonitor.sampling.Sample;
import dev.vastmesh.costmonitor.sampling.SampleFailure;
import dev.vastmesh.costmonitor.sampling.SampleOutcome;
import dev.vastmesh.costmonitor.sampling.Sampler;
import dev.vastmesh.costmonitor.store.BudgetStore;
import dev.vastmesh.costmonitor.store.LedgerStore;
import dev.vastmesh.costmonitor.store.Lease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The sampling loop: every interval the replica holding the lease reads the account, accounts
 * for the time since the last sample, sends the cost events, judges the budgets and runs the
 * reaper, saving the ledger before any action. A skipped sample changes nothing.
 */
public final class CostMonitor implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(CostMonitor.class);

  /** What the last sample came to, for health and the API. */
  public record Status(@Nullable Instant at, @Nullable SampleFailure failure, long consecutiveFailures, boolean leaseHeld,
      List<BudgetStatus> budgets, int instances) {
  }

  private final Duration interval;
  private final boolean autoStartup;
  private final Sampler sampler;
  private final LedgerStore ledgers;
  private final BudgetStore budgets;
  private final Lease lease;
  private final BudgetEngine engine;
  private final Reaper reaper;
  private final CostEvents events;
  private final CostMetrics metrics;
  private final Clock clock;
  private @Nullable ScheduledExecutorService scheduler;
  private volatile Status status = new Status(null, null, 0, false, List.of(), 0);

  public CostMonitor(Duration interval, boolean autoStartup, Sampler sampler, LedgerStore ledgers, BudgetStore budgets, Lease lease, BudgetEngine engine,
      Reaper reaper, CostEvents events, CostMetrics metrics, Clock clock) {
    this.interval = interval;
    this.autoStartup = autoStartup;
    this.sampler = sampler;
    this.ledgers = ledgers;
    this.budgets = budgets;
    this.lease = lease;
    this.engine = engine;
    this.reaper = reaper;
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
  }

  public Status status() {
    return status;
  }

  /** One turn of the loop; public for tests and the benchmark. */
  public synchronized void runOnce() {
    boolean held = lease.acquire();
    metrics.lease(held);
    if (!held) {
      status = new Status(status.at(), status.failure(), status.consecutiveFailures(), false, status.budgets(), status.instances());
      return;
    }
    LedgerState saved = ledgers.load().orElse(null);
    Ledger ledger = new Ledger(saved == null ? LedgerState.empty() : saved);
    boolean expected = ledger.state().instances().values().stream().anyMatch(i -> !i.gone());
    long started = System.nanoTime();
    switch (sampler.sample(expected)) {
      case SampleOutcome.Skipped skipped -> {
        metrics.failed(skipped.failure());
        status = new Status(clock.instant(), skipped.failure(), status.consecutiveFailures() + 1, true, status.budgets(), status.instances());
      }
      case SampleOutcome.Taken taken -> account(taken.sample(), ledger, saved == null, Duration.ofNanos(System.nanoTime() - started));
    }
  }

  private void account(Sample sample, Ledger ledger, boolean fresh, Duration took) {
    // A sample can outlast the lease (a large account pages at Vast's rate limit): renewed here,
    // before anything is saved or acted on, so a replica that lost it mid-sample never acts too.
    if (!lease.acquire()) {
      log.warn("the acting lease passed to another replica during the sample: this sample is left to it");
      metrics.lease(false);
      status = new Status(status.at(), status.failure(), status.consecutiveFailures(), false, status.budgets(), status.instances());
      return;
    }
    if (fresh) {
      ledger.seed(sample.charges(), sample.at());
      log.info("ledger started{}: today's spend rebuilt from Vast's charges for {} lines", ledgers.durable() ? "" : " (embedded mode)",
          sample.charges().size());
    }
    Instant since = ledger.state().lastSample();
    List<Accrual> accruals = ledger.apply(sample);
    metrics.sampled(took, sample.balance() == null ? Double.NaN : sample.balance());
    metrics.reconciliation(ledger.reconcile(sample.charges(), sample.at()));
    ledgers.save(ledger.state());
    events.sampled(accruals, since, sample.at());
    List<BudgetStatus> statuses = engine.evaluate(budgets.all(), ledger, sample.at(), () -> ledgers.save(ledger.state()));
    Reaper.Result reaped = reaper.run(sample, ledger.state());
    ledgers.save(ledger.state());
    metrics.instances(ledger.state().instances().values());
    metrics.totals(Map.copyOf(ledger.state().totals()));
    metrics.budgets(statuses);
    metrics.reaper(reaped.orphans(), reaped.reaped(), reaped.ghosts());
    status = new Status(sample.at(), null, 0, true, statuses, sample.instances().size());
  }

  @Override
  public void start() {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "cost-monitor-sampler");
      thread.setDaemon(true);
      return thread;
    });
    executor.scheduleWithFixedDelay(this::safely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    scheduler = executor;
    log.info("sampling the Vast account every {}", interval);
  }

  private void safely() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      log.error("sample failed unexpectedly; no action taken", e);
    }
  }

  @Override
  public void stop() {
    ScheduledExecutorService executor = scheduler;
    if (executor != null) {
      executor.shutdownNow();
      try {
        executor.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      scheduler = null;
    }
    lease.release();
  }

  @Override
  public boolean isAutoStartup() {
    return autoStartup;
  }

  @Override
  public boolean isRunning() {
    return scheduler != null;
  }
}
