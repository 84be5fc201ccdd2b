package dev.vastmesh.worker.report;

import dev.vastmesh.worker.config.WorkerProperties;
import dev.vastmesh.worker.lifecycle.StartupFailureBeacon;
import dev.vastmesh.worker.lifecycle.WorkerState;
import dev.vastmesh.worker.serving.Admission;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reports to Vast's autoscaler: every second, {@code POST {addr}/worker_status/} when anything
 * changed or 10 s passed, to each REPORT_ADDR in order until one accepts (each tried up to 3
 * times, 2 s apart, 10 s timeout), resetting the per-period counters after a success; and
 * {@code POST {addr}/delete_requests/} every second while finished requests are pending.
 * {@code loadtime}, {@code max_perf} and {@code error_msg} come from the start-up sequence;
 * while the worker is errored before it ever loaded, the report is the protocol's start-up
 * failure beacon ({@code id, mtoken, version, error_msg, url}), resent at least every 10 s.
 */
@Component
public class AutoscalerReporter implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(AutoscalerReporter.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final long IDLE_REPORT_NANOS = Duration.ofSeconds(10).toNanos();

  private final WorkerProperties.Vast vast;
  private final WorkerStatus status;
  private final Admission admission;
  private final WorkerState state;
  private final Duration retryDelay;
  private final HttpClient http;
  private @Nullable ScheduledExecutorService ticker;
  private long lastSentVersion = -1;
  private long lastSentAt;
  private volatile boolean running;

  AutoscalerReporter(WorkerProperties properties, WorkerStatus status, Admission admission, WorkerState state, HttpClient http,
      @Value("${vastmesh.worker.vast.report-retry-delay:2s}") Duration retryDelay) {
    this.vast = properties.vast();
    this.status = status;
    this.admission = admission;
    this.state = state;
    this.http = http;
    this.retryDelay = retryDelay;
  }

  @Override
  public void start() {
    running = true;
    // A change of phase is news for the autoscaler at once, not at the next 10 s report.
    state.onChange(change -> status.touch());
    if (vast.containerId() <= 0) {
      log.info("no CONTAINER_ID: not reporting to the autoscaler");
      status.discardFinished();
      return;
    }
    ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("autoscaler-report").daemon().factory());
    ticker.scheduleWithFixedDelay(this::tick, 0, 1, TimeUnit.SECONDS);
  }

  private void tick() {
    try {
      long now = System.nanoTime();
      if (status.version() != lastSentVersion || now - lastSentAt > IDLE_REPORT_NANOS) {
        long version = status.version();
        Map<String, Object> counters = status.counters();
        if (post("/worker_status/", statusBody(counters))) {
          status.reset(counters);
          lastSentVersion = version;
          lastSentAt = now;
        }
      }
      List<WorkerStatus.Finished> finished = status.takeFinished();
      if (!finished.isEmpty()) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("worker_id", vast.containerId());
        body.put("mtoken", vast.masterToken());
        body.put("requests", finished.stream().map(AutoscalerReporter::finishedRequest).toList());
        if (!post("/delete_requests/", body)) {
          status.putBack(finished);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("reporting to the autoscaler failed: {}", e.toString());
    }
  }

  private static Map<String, Object> finishedRequest(WorkerStatus.Finished f) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("request_idx", f.requestIdx());
    request.put("success", f.success());
    request.put("status", f.status());
    request.put("entered_queue_at", f.enteredQueueAt());
    request.put("work_started_at", f.workStartedAt());
    request.put("work_completed_at", f.workCompletedAt());
    return request;
  }

  private Map<String, Object> statusBody(Map<String, Object> counters) {
    if (state.phase() == WorkerState.Phase.ERRORED && !state.loaded()) {
      return StartupFailureBeacon.body(vast.containerId(), vast.masterToken(), state.errorMessage(), vast.publicUrl());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", vast.containerId());
    body.put("mtoken", vast.masterToken());
    body.put("version", StartupFailureBeacon.VERSION);
    body.put("loadtime", state.loadtime());
    body.put("cur_load", admission.currentLoad());
    body.putAll(counters);
    body.put("max_perf", admission.maxPerf());
    body.put("error_msg", state.errorMessage());
    body.put("additional_disk_usage", 0.0);
    body.put("cur_capacity", 0);
    body.put("max_capacity", 0);
    body.put("url", vast.publicUrl() == null ? "" : vast.publicUrl().toString());
    return body;
  }

  /** Sends to each address in order, each up to 3 times; true when one accepted. */
  private boolean post(String path, Map<String, Object> body) throws InterruptedException {
    byte[] json = JSON.writeValueAsBytes(body);
    for (URI address : vast.reportAddr()) {
      for (int attempt = 1; attempt <= 3; attempt++) {
        try {
          HttpResponse<Void> response = http.send(HttpRequest.newBuilder(address.resolve(path)).timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(json)).build(),
              HttpResponse.BodyHandlers.discarding());
          if (response.statusCode() / 100 == 2) {
            return true;
          }
          log.debug("{}{} answered HTTP {}", address, path, response.statusCode());
        } catch (IOException e) {
          log.debug("{}{} failed: {}", address, path, e.toString());
        }
        if (attempt < 3) {
          Thread.sleep(retryDelay.toMillis());
        }
      }
    }
    return false;
  }

  @Override
  public void stop() {
    running = false;
    if (ticker != null) {
      ticker.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
