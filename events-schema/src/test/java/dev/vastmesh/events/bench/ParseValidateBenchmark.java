package dev.vastmesh.events.bench;

import dev.vastmesh.events.EventCodec;
import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.EventFactory;
import dev.vastmesh.events.EventOptions;
import dev.vastmesh.events.payload.MeshRegistered;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parse + validate of a ~1 KB event, against the baseline of Jackson merely reading the same
 * bytes into a tree (the cost every JSON consumer pays anyway). Run with
 * {@code scripts/bench-events.sh}; figures in {@code docs/performance.md}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseValidateBenchmark {

  private final EventCodec codec = EventCodec.standard();
  private final JsonMapper plainJackson = JsonMapper.builder().build();
  private byte[] event;

  @Setup
  public void setUp() {
    Map<String, String> labels = new LinkedHashMap<>();
    for (int i = 0; i < 12; i++) {
      labels.put("label-" + i, "value-" + i + "-abcdefghij");
    }
    MeshRegistered payload = new MeshRegistered(29484611L, 12345L, "https://203.0.113.4:41234",
        "vastai-gpu-worker-1", "100.113.211.78", List.of("inference", "embeddings", "rerank"), "RTX_4090",
        "NVIDIA RTX 4090", 1, new BigDecimal("0.34"), labels, Instant.parse("2026-01-04T12:05:00Z"));
    EventEnvelope envelope = EventFactory.create(Clock.fixed(Instant.parse("2026-01-04T12:00:00Z"), ZoneOffset.UTC),
        "/vastmesh/registry-service").create(payload, EventOptions.none()
        .withTriggerId("gitlab-pipeline-123").withEnvironment("prod").withIdempotencyKey("a-key-of-some-length-0001"));
    event = codec.serialize(envelope);
    if (event.length < 900 || event.length > 1200) {
      throw new IllegalStateException("benchmark event should be ~1 KB, is " + event.length + " bytes");
    }
  }

  @Benchmark
  public EventEnvelope parseAndValidate() {
    return codec.parse(event);
  }

  @Benchmark
  public JsonNode baselineJacksonReadTree() {
    return plainJackson.readTree(event);
  }
}
