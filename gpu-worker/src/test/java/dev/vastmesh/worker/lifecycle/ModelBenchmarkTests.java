package dev.vastmesh.worker.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.worker.support.LocalUpstream;
import dev.vastmesh.worker.workload.Workloads;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBenchmarkTests {

  final LocalUpstream upstream = new LocalUpstream();
  final ModelBenchmark benchmark = new ModelBenchmark(HttpClient.newHttpClient(), Duration.ofSeconds(5));

  @TempDir
  Path dir;

  @AfterEach
  void close() {
    upstream.close();
  }

  URI bench() {
    return URI.create(upstream.url() + "/bench");
  }

  @Test
  void maxPerfIsTheBestRoundsWorkloadPerSecondAndIsCached() throws Exception {
    Path cache = dir.resolve("max_perf");
    ModelBenchmark.Result result = benchmark.run(bench(), "{\"input\":[\"a\",\"b\",\"c\"]}", Workloads.parse("array-length:/input"), 2, 5, cache);

    assertThat(result).isInstanceOfSatisfying(ModelBenchmark.Measured.class, measured -> {
      assertThat(measured.successes()).isEqualTo(10);
      // 5 requests of workload 3, each taking at least 5 ms: at most 15 / 0.005 per second.
      assertThat(measured.maxPerf()).isGreaterThan(0).isLessThanOrEqualTo(3000);
    });
    assertThat(upstream.benchCalls.get()).isEqualTo(11);
    double measured = ((ModelBenchmark.Measured) result).maxPerf();
    assertThat(Double.parseDouble(Files.readString(cache))).isEqualTo(measured);

    ModelBenchmark.Result again = benchmark.run(bench(), "{\"input\":[]}", Workloads.parse("array-length:/input"), 2, 5, cache);
    assertThat(again).isEqualTo(new ModelBenchmark.Measured(measured, 0, true));
    assertThat(upstream.benchCalls.get()).as("the cache spared the model server").isEqualTo(11);
  }

  @Test
  void noSuccessAtAllIsAFailure() throws Exception {
    upstream.benchStatus = 500;
    ModelBenchmark.Result result = benchmark.run(bench(), "{}", Workloads.parse("constant:1"), 2, 3, null);

    assertThat(result).isEqualTo(new ModelBenchmark.Failed("benchmark: none of 6 requests to /bench succeeded"));
  }

  @Test
  void aPayloadThatIsNotJsonIsAFailure() throws Exception {
    assertThat(benchmark.run(bench(), "{nope", Workloads.parse("constant:1"), 1, 1, null)).isInstanceOf(ModelBenchmark.Failed.class);
    assertThat(upstream.benchCalls.get()).isZero();
  }
}
