package dev.vastmesh.worker.report;

import dev.vastmesh.worker.config.ReportAddress;
import dev.vastmesh.worker.config.WorkerProperties;
import dev.vastmesh.worker.lifecycle.WorkerState;
import dev.vastmesh.worker.serving.Admission;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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
 * {@code POST {addr}/delete_requests/} every second while finished requests are pending, to every
 * address but Vast's console, as Vast's worker does ({@link ReportAddress}). The body is
 * {@link StatusBody}'s; {@code additional_disk_usage} is measured once per report on the
 * filesystem of {@code vastmesh.worker.vast.disk-usage-path} (default: the working directory).
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
  private final DiskGrowth disk;
  private final List<URI> deleteRequestsTo;
  private @Nullable ScheduledExecutorService ticker;
  private long lastSentVersion = -1;
  private long lastSentAt;
  private volatile boolean running;

  AutoscalerReporter(WorkerProperties properties, WorkerStatus status, Admission admission, WorkerState state, HttpClient http,
      @Value("${vastmesh.worker.vast.report-retry-delay:2s}") Duration retryDelay,
      @Value("${vastmesh.worker.vast.disk-usage-path:.}") Path diskUsagePath) {
    this.vast = properties.vast();
    this.status = status;
    this.admission = admission;
    this.state = state;
    this.http = http;
    this.retryDelay = retryDelay;
    this.disk = DiskGrowth.of(diskUsagePath);
    this.deleteRequestsTo = ReportAddress.forDeleteRequests(vast.reportAddr());
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
    if (deleteRequestsTo.isEmpty()) {
      // Only Vast's console is configured, and it takes no delete_requests: nothing would ever send them.
      log.info("no REPORT_ADDR takes delete_requests (Vast's console does not): finished requests are not reported");
      status.discardFinished();
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
        DiskGrowth.Measurement growth = disk.measure();
        Map<String, Object> body = StatusBody.of(vast, state, admission.currentLoad(), admission.maxPerf(), counters, growth.gb());
        if (post(vast.reportAddr(), "worker_status/", body)) {
          status.reset(counters);
          disk.reported(growth);
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
        if (!post(deleteRequestsTo, "delete_requests/", body)) {
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

  /** Sends to each address in order, each up to 3 times; true when one accepted. */
  private boolean post(List<URI> addresses, String path, Map<String, Object> body) throws InterruptedException {
    byte[] json = JSON.writeValueAsBytes(body);
    for (URI address : addresses) {
      for (int attempt = 1; attempt <= 3; attempt++) {
        try {
          HttpResponse<Void> response = http.send(HttpRequest.newBuilder(ReportAddress.resolve(address, path)).timeout(Duration.ofSeconds(10))
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
