package dev.vastmesh.worker.lifecycle;

import dev.vastmesh.worker.config.ReportAddress;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells the autoscaler that this worker failed to start: {@code POST {addr}/worker_status/} with
 * {@code {"id","mtoken","version","error_msg","url"}}, to each REPORT_ADDR in order until one
 * accepts, again every {@code period} (10 s in the protocol) until closed — so the autoscaler
 * replaces the instance instead of waiting for a worker that will never load.
 */
public final class StartupFailureBeacon implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StartupFailureBeacon.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  /**
   * The {@code version} of every report: the version of Vast's worker (PyWorker) whose protocol
   * and report shapes this worker speaks, which is what the autoscaler knows how to read. The
   * worker's own build is in its logs and registry entry, not here.
   */
  public static final String VERSION = "1.1.0";

  private final ScheduledExecutorService ticker;

  private StartupFailureBeacon(ScheduledExecutorService ticker) {
    this.ticker = ticker;
  }

  /** The beacon's body; also what the reporter sends while the worker is errored before loading. */
  public static Map<String, Object> body(long id, @Nullable String mtoken, String errorMessage, @Nullable URI url) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id);
    body.put("mtoken", mtoken == null ? "" : mtoken);
    body.put("version", VERSION);
    body.put("error_msg", errorMessage);
    body.put("url", url == null ? "" : url.toString());
    return body;
  }

  public static StartupFailureBeacon start(List<URI> reportAddr, long id, @Nullable String mtoken, String errorMessage,
      @Nullable URI url, Duration period) {
    byte[] json = JSON.writeValueAsBytes(body(id, mtoken, errorMessage, url));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("failure-beacon").factory());
    ticker.scheduleWithFixedDelay(() -> send(http, reportAddr, json), 0, period.toMillis(), TimeUnit.MILLISECONDS);
    log.error("start-up failed ({}); telling the autoscaler every {} ms", errorMessage, period.toMillis());
    return new StartupFailureBeacon(ticker);
  }

  private static void send(HttpClient http, List<URI> reportAddr, byte[] json) {
    for (URI address : reportAddr) {
      try {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(ReportAddress.resolve(address, "worker_status/"))
            .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 == 2) {
          return;
        }
      } catch (IOException e) {
        log.debug("failure beacon to {}: {}", address, e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Blocks until the process is stopped: a failed worker stays up to keep telling. */
  public void awaitTermination() throws InterruptedException {
    ticker.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
