package dev.vastmesh.worker.lifecycle;

import dev.vastmesh.worker.artifacts.ArtifactFetcher;
import dev.vastmesh.worker.config.WorkerProperties;
import dev.vastmesh.worker.serving.Admission;
import dev.vastmesh.worker.workload.Workloads;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Vast's start-up, in its order: fetch the configured artifacts ({@link ArtifactFetcher}; a
 * failure errors the worker), follow the model log until an on-load line (an on-error line
 * errors the worker with that string, an on-info line is logged), benchmark the model server to
 * learn max_perf, wait for the health endpoint's first 200, then mark the worker ready. After
 * that the health check runs every {@code healthInterval}: a failure errors the worker, a slow
 * answer degrades it until a fast one comes back. The log keeps being followed, so a later
 * on-error line still errors the worker. Without a model log the model counts as loaded at
 * start; without a benchmark payload max_perf stays as configured; without a health endpoint
 * there is no health check.
 */
@Component
public class StartupSequence implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(StartupSequence.class);

  private final WorkerProperties properties;
  private final WorkerProperties.Startup config;
  private final WorkerState state;
  private final Admission admission;
  private final HttpClient http;
  private final ArtifactFetcher artifacts;
  private final CountDownLatch modelLoaded = new CountDownLatch(1);
  private @Nullable ModelLogTailer tailer;
  private @Nullable Thread sequence;
  private @Nullable ScheduledExecutorService healthChecks;
  private volatile boolean running;

  StartupSequence(WorkerProperties properties, WorkerState state, Admission admission, HttpClient http, ArtifactFetcher artifacts) {
    this.http = http;
    this.artifacts = artifacts;
    this.properties = properties;
    this.config = properties.startup();
    this.state = state;
    this.admission = admission;
  }

  @Override
  public void start() {
    running = true;
    LogActions actions = new LogActions(config.onLoad(), config.onError(), config.onInfo());
    if (!config.modelLog().isBlank()) {
      log.info("waiting for the model to load: following {}", config.modelLog());
      tailer = ModelLogTailer.follow(Path.of(config.modelLog()), config.logPoll(), line -> onLine(actions, line));
    } else {
      modelLoaded.countDown();
    }
    sequence = Thread.ofVirtual().name("startup-sequence").start(this::runSequence);
  }

  private void onLine(LogActions actions, String line) {
    actions.match(line).ifPresent(match -> {
      switch (match) {
        case LogActions.Loaded loaded -> {
          if (modelLoaded.getCount() > 0) {
            log.info("model loaded (log line matched \"{}\")", loaded.matched());
          }
          modelLoaded.countDown();
        }
        case LogActions.Failed failed -> state.errored(failed.matched());
        case LogActions.Info info -> log.info("model: {}", line);
      }
    });
  }

  private void runSequence() {
    try {
      // The model server may need what is fetched; nothing is waited for before it is there.
      Optional<String> fetchFailed = artifacts.fetchAll();
      if (fetchFailed.isPresent()) {
        state.errored(fetchFailed.get());
        return;
      }
      while (!modelLoaded.await(200, TimeUnit.MILLISECONDS)) {
        if (state.phase() == WorkerState.Phase.ERRORED) {
          return;
        }
      }
      if (!benchmark()) {
        return;
      }
      ModelHealthCheck health = healthCheck();
      if (health != null && !firstHealthy(health)) {
        return;
      }
      if (state.phase() == WorkerState.Phase.ERRORED) {
        return;
      }
      state.ready();
      log.info("worker ready after {} s (max_perf {})", String.format("%.2f", state.loadtime()), admission.maxPerf());
      if (health != null) {
        healthChecks = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("model-health").factory());
        long every = config.healthInterval().toMillis();
        healthChecks.scheduleWithFixedDelay(() -> checkHealth(health), every, every, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      state.errored("start-up failed: " + e.getClass().getSimpleName());
      log.error("start-up failed", e);
    }
  }

  /** Measures max_perf with the first handler that has a benchmark payload; false when it failed. */
  private boolean benchmark() throws InterruptedException {
    for (WorkerProperties.Handler handler : properties.handlers()) {
      if (handler.benchmarkPayload() == null || handler.benchmarkPayload().isBlank()) {
        continue;
      }
      int concurrency = handler.allowParallelRequests() ? config.benchmarkConcurrency() : 1;
      ModelBenchmark.Result result = new ModelBenchmark(http, config.healthTimeout()).run(
          properties.modelServer().resolve(handler.route()), handler.benchmarkPayload(), Workloads.parse(handler.workload()),
          config.benchmarkRuns(), concurrency, config.benchmarkCache().isBlank() ? null : Path.of(config.benchmarkCache()));
      switch (result) {
        case ModelBenchmark.Measured measured -> admission.setMaxPerf(measured.maxPerf());
        case ModelBenchmark.Failed failed -> {
          state.errored(failed.reason());
          return false;
        }
      }
      return true;
    }
    return true;
  }

  private @Nullable ModelHealthCheck healthCheck() {
    if (config.healthEndpoint().isBlank()) {
      return null;
    }
    String path = config.healthEndpoint().startsWith("/") ? config.healthEndpoint() : "/" + config.healthEndpoint();
    URI url = properties.modelServer().resolve(path);
    return new ModelHealthCheck(http, url, config.healthTimeout(), config.degradedAfter());
  }

  /** Waits for the first 200; false (and errored) when none came in time. */
  private boolean firstHealthy(ModelHealthCheck health) throws InterruptedException {
    long deadline = System.nanoTime() + config.healthFirstSuccessWithin().toNanos();
    long pause = Math.min(1000, config.healthInterval().toMillis());
    ModelHealthCheck.Probe last = null;
    while (System.nanoTime() < deadline) {
      last = health.probe();
      if (last instanceof ModelHealthCheck.Healthy) {
        return true;
      }
      Thread.sleep(pause);
    }
    state.errored("model health check: no HTTP 200 from " + health.url().getPath() + " within "
        + config.healthFirstSuccessWithin().toSeconds() + " s" + (last instanceof ModelHealthCheck.Unhealthy u ? " (" + u.reason() + ")" : ""));
    return false;
  }

  private void checkHealth(ModelHealthCheck health) {
    try {
      switch (health.probe()) {
        case ModelHealthCheck.Unhealthy unhealthy -> {
          state.errored(unhealthy.reason());
          if (healthChecks != null) {
            healthChecks.shutdown();
          }
        }
        case ModelHealthCheck.Healthy healthy when healthy.slow() ->
            state.degraded("model health check took " + healthy.took().toMillis() + " ms");
        case ModelHealthCheck.Healthy healthy -> {
          if (state.phase() == WorkerState.Phase.DEGRADED) {
            state.ready();
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void stop() {
    running = false;
    if (tailer != null) {
      tailer.close();
    }
    if (sequence != null) {
      sequence.interrupt();
    }
    if (healthChecks != null) {
      healthChecks.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
