package dev.vastmesh.worker.lifecycle;

import dev.vastmesh.worker.workload.WorkloadCalculator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures {@code max_perf}, the workload per second the model server sustains: one warm-up
 * request, then {@code runs} rounds of {@code concurrency} simultaneous requests; a round's
 * throughput is the workload of its 200 answers divided by its duration, and max_perf is the best
 * round. No successful request at all is a failure — Vast's worker then reports itself loaded with
 * max_perf 0, which leaves an instance that can never be given work; this one errors instead.
 */
public final class ModelBenchmark {

  private static final Logger log = LoggerFactory.getLogger(ModelBenchmark.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The outcome. */
  public sealed interface Result {
  }

  /** @param successes the 200 answers over all rounds (the warm-up not counted) */
  public record Measured(double maxPerf, int successes, boolean cached) implements Result {
  }

  public record Failed(String reason) implements Result {
  }

  private final HttpClient http;
  private final Duration timeout;

  public ModelBenchmark(HttpClient http, Duration timeout) {
    this.http = http;
    this.timeout = timeout;
  }

  /**
   * @param target the model server URL of the benchmarked route
   * @param cache a file holding a previous max_perf, reused when present and written after a run
   */
  public Result run(URI target, String payload, WorkloadCalculator workload, int runs, int concurrency, @Nullable Path cache)
      throws InterruptedException {
    Double cached = readCache(cache);
    if (cached != null) {
      log.info("benchmark: reusing max_perf {} from {}", cached, cache);
      return new Measured(cached, 0, true);
    }
    JsonNode parsed;
    try {
      parsed = JSON.readTree(payload);
    } catch (RuntimeException e) {
      return new Failed("benchmark payload is not JSON");
    }
    double each = workload.safely(parsed);
    byte[] body = payload.getBytes(StandardCharsets.UTF_8);
    call(target, body);
    double best = 0;
    int successes = 0;
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int round = 0; round < runs; round++) {
        long started = System.nanoTime();
        List<Future<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
          calls.add(pool.submit(() -> call(target, body)));
        }
        int ok = 0;
        for (Future<Boolean> call : calls) {
          try {
            ok += call.get() ? 1 : 0;
          } catch (java.util.concurrent.ExecutionException e) {
            // counted as a failure
          }
        }
        double seconds = Math.max((System.nanoTime() - started) / 1e9, 1e-6);
        successes += ok;
        best = Math.max(best, ok * each / seconds);
      }
    }
    if (successes == 0) {
      return new Failed("benchmark: none of " + runs * concurrency + " requests to " + target.getPath() + " succeeded");
    }
    log.info("benchmark: max_perf {} workload/s ({} of {} requests succeeded)", best, successes, runs * concurrency);
    writeCache(cache, best);
    return new Measured(best, successes, false);
  }

  private boolean call(URI target, byte[] body) throws InterruptedException {
    try {
      HttpResponse<Void> response = http.send(HttpRequest.newBuilder(target).timeout(timeout)
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
          HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  private static @Nullable Double readCache(@Nullable Path cache) {
    if (cache == null || !Files.isRegularFile(cache)) {
      return null;
    }
    try {
      double value = Double.parseDouble(Files.readString(cache).strip());
      return Double.isFinite(value) && value > 0 ? value : null;
    } catch (IOException | NumberFormatException e) {
      log.warn("benchmark cache {} unreadable, measuring again: {}", cache, e.toString());
      return null;
    }
  }

  private static void writeCache(@Nullable Path cache, double value) {
    if (cache == null) {
      return;
    }
    try {
      Files.writeString(cache, Double.toString(value));
    } catch (IOException e) {
      log.warn("could not write the benchmark cache {}: {}", cache, e.toString());
    }
  }
}
