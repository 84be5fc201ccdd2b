package dev.vastmesh.worker.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.EventType;
import dev.vastmesh.worker.WorkerApplication;
import dev.vastmesh.worker.support.AutoscalerDouble;
import dev.vastmesh.worker.support.GatewayDouble;
import dev.vastmesh.worker.support.LocalUpstream;
import dev.vastmesh.worker.support.RegistryDouble;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker's start-up against real local doubles: a model server, its log file, Vast's
 * autoscaler, the registry and the webhook gateway. Load → benchmark → health → ready; errors
 * before and after load; the failure beacon when start-up itself fails.
 */
class StartupSequenceIntegrationTests {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir
  Path dir;
  final LocalUpstream upstream = new LocalUpstream();
  final AutoscalerDouble autoscaler = new AutoscalerDouble();
  final RegistryDouble registry = new RegistryDouble(0);
  final GatewayDouble gateway = new GatewayDouble();
  final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
    upstream.close();
    autoscaler.close();
    registry.close();
    gateway.close();
  }

  ConfigurableApplicationContext worker(Path log, String... extra) {
    List<String> args = new ArrayList<>(List.of(
        "--server.port=0",
        "--vastmesh.worker.model-server=" + upstream.url(),
        "--vastmesh.worker.vast.container-id=4242",
        "--vastmesh.worker.vast.master-token=mtoken-7",
        "--vastmesh.worker.vast.report-addr=" + autoscaler.url(),
        "--vastmesh.worker.vast.report-retry-delay=20ms",
        "--vastmesh.worker.vast.public-url=https://203.0.113.4:41234",
        "--vastmesh.worker.handlers[0].route=/bench",
        "--vastmesh.worker.handlers[0].workload=array-length:/input",
        "--vastmesh.worker.handlers[0].allow-parallel-requests=true",
        "--vastmesh.worker.handlers[0].benchmark-payload={\"input\":[\"a\",\"b\"]}",
        "--vastmesh.worker.startup.model-log=" + log,
        "--vastmesh.worker.startup.log-poll=20ms",
        "--vastmesh.worker.startup.on-load=Application startup complete",
        "--vastmesh.worker.startup.on-error=RuntimeError,CUDA out of memory",
        "--vastmesh.worker.startup.on-info=Downloading",
        "--vastmesh.worker.startup.health-endpoint=/health",
        "--vastmesh.worker.startup.health-interval=200ms",
        "--vastmesh.worker.startup.health-timeout=2s",
        "--vastmesh.worker.startup.benchmark-runs=3",
        "--vastmesh.worker.startup.benchmark-concurrency=4",
        "--vastmesh.worker.registry.url=" + registry.url(),
        "--vastmesh.worker.registry.token=register-token",
        "--vastmesh.worker.registry.ttl=900ms",
        "--vastmesh.worker.events.gateway-url=" + gateway.url(),
        "--vastmesh.worker.events.secret=" + GatewayDouble.SECRET));
    args.addAll(List.of(extra));
    ConfigurableApplicationContext context = new SpringApplicationBuilder(WorkerApplication.class).run(args.toArray(String[]::new));
    open.add(context);
    return context;
  }

  @Test
  void loadsThroughARotatedLogBenchmarksBecomesReadyThenErrorsWhenHealthFails() throws Exception {
    Path log = dir.resolve("model.log");
    Files.writeString(log, "Downloading weights 10%\nloading shards\n");
    worker(log);

    // The reporter reports every second from start-up: a second report comes from a worker that has
    // been following the log for a second, so a registration or benchmark would have come before it.
    await(() -> autoscaler.statusReports.size() >= 2, "a second report, still not loaded");
    assertThat(registry.calls).as("no registration before the model is loaded").isEmpty();
    assertThat(gateway.events).isEmpty();
    assertThat(upstream.benchCalls.get()).isZero();
    assertThat(lastStatus()).hasValueSatisfying(r -> assertThat(r.get("loadtime").asDouble()).isZero());

    // The model server's log rotates; the on-load line is in the new file.
    Files.move(log, dir.resolve("model.log.1"));
    Files.writeString(log, "INFO:     Application startup complete.\n");

    await(() -> registry.count("/register") > 0, "registered once loaded");
    assertThat(upstream.benchCalls.get()).as("one warm-up, then 3 rounds of 4").isEqualTo(13);
    await(() -> lastStatus().map(r -> r.get("loadtime").asDouble() > 0).orElse(false), "a report with loadtime");
    JsonNode report = lastStatus().orElseThrow();
    assertThat(report.get("max_perf").asDouble()).as("measured, not the configured 1").isGreaterThan(10);
    assertThat(report.get("error_msg").asString()).isEmpty();
    await(() -> gateway.events.stream().anyMatch(e -> e.type() == EventType.INSTANCE_READY), "instance.ready sent");
    EventEnvelope ready = gateway.events.getFirst();
    assertThat(ready.data().toString()).contains("4242").contains("https://203.0.113.4:41234");
    assertThat(gateway.refused).isEmpty();

    upstream.healthStatus = 503;

    await(() -> lastStatus().map(r -> r.get("error_msg").asString().contains("HTTP 503")).orElse(false), "error_msg reported");
    await(() -> gateway.events.stream().anyMatch(e -> e.type() == EventType.HEALTH_UNHEALTHY), "health.unhealthy sent");
    await(() -> registry.calls.stream().anyMatch(c -> c.contains("/heartbeat") && c.contains("\"status\":\"unhealthy\"")),
        "the registry hears it at once");
  }

  @Test
  void anOnErrorLineBeforeLoadSendsTheFailureReportAndNeverRegisters() throws Exception {
    Path log = dir.resolve("model.log");
    Files.writeString(log, "loading\n");
    worker(log);
    Files.writeString(log, "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB\n", StandardOpenOption.APPEND);

    await(() -> lastStatus().map(r -> r.path("error_msg").asString().equals("CUDA out of memory")).orElse(false), "beacon");
    JsonNode beacon = lastStatus().orElseThrow();
    assertThat(beacon.propertyNames()).containsExactlyInAnyOrder("id", "mtoken", "version", "error_msg", "url");
    assertThat(dev.vastmesh.testsupport.OpenApiContract.of("gpu-worker.openapi.yml")
        .validate(JSON.readTree("{\"$ref\":\"#/components/schemas/FailureBeacon\"}"), beacon.toString())).isEmpty();
    assertThat(beacon.get("id").asLong()).isEqualTo(4242);
    assertThat(beacon.get("mtoken").asString()).isEqualTo("mtoken-7");
    // The next report comes a second after the beacon, long after the start-up sequence stopped:
    // a registration or benchmark would have come before it.
    int reports = autoscaler.statusReports.size();
    await(() -> autoscaler.statusReports.size() > reports, "the report after the beacon");
    assertThat(registry.calls).isEmpty();
    assertThat(upstream.benchCalls.get()).isZero();
  }

  @Test
  void aBenchmarkWithoutOneSuccessIsAnErrorNotMaxPerfZero() throws Exception {
    upstream.benchStatus = 500;
    Path log = dir.resolve("model.log");
    Files.writeString(log, "Application startup complete\n");
    worker(log);

    await(() -> lastStatus().map(r -> r.path("error_msg").asString().startsWith("benchmark: none of 12")).orElse(false),
        "the benchmark failure is reported");
    assertThat(registry.calls).isEmpty();
  }

  @Test
  void whenStartUpItselfFailsTheBeaconRepeats() throws Exception {
    autoscaler.servesKey = false;
    Optional<StartupFailureBeacon> beacon = WorkerApplication.launch(new String[] {
        "--server.port=0",
        "--vastmesh.worker.vast.container-id=99",
        "--vastmesh.worker.vast.master-token=mtoken-9",
        "--vastmesh.worker.vast.report-addr=" + autoscaler.url(),
        "--vastmesh.worker.vast.pubkey-attempts=2",
        "--vastmesh.worker.vast.pubkey-backoff=10ms"}, Duration.ofMillis(100));

    assertThat(beacon).isPresent();
    open.add(beacon.get());
    await(() -> autoscaler.statusReports.size() >= 2, "sent again and again");
    JsonNode report = JSON.readTree(autoscaler.statusReports.getFirst());
    assertThat(report.get("id").asLong()).isEqualTo(99);
    assertThat(report.get("error_msg").asString()).contains("public key");
    assertThat(report.get("version").asString()).isEqualTo(StartupFailureBeacon.VERSION);
  }

  Optional<JsonNode> lastStatus() {
    return autoscaler.statusReports.isEmpty() ? Optional.empty() : Optional.of(JSON.readTree(autoscaler.statusReports.getLast()));
  }

  static void await(BooleanSupplier condition, String what) {
    Awaitility.await(what).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
  }
}
