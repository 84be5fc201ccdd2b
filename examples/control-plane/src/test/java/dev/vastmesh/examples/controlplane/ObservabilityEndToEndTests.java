package dev.vastmesh.examples.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.testsupport.FreePort;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The control plane's metrics as a Prometheus shop meets them, against the real processes: every
 * service's {@code /actuator/prometheus} passes {@code promtool check metrics}; the dashboard and
 * the rules name only metrics the services export (or the cost-monitor's, documented in
 * deploy/README.md); and Debian's Prometheus, on deploy/prometheus/prometheus.yml with local
 * addresses, discovers the worker through the registry, scrapes everything and evaluates the rules.
 */
class ObservabilityEndToEndTests {

  /** Produced by the cost-monitor, which is not in this repository yet (deploy/README.md). */
  static final Set<String> COST_MONITOR_METRICS = Set.of("vastmesh_cost_dollars_total", "vastmesh_budget_spent_dollars",
      "vastmesh_budget_limit_dollars");
  private static final Pattern RULE_EXPR = Pattern.compile("^\\s*expr: (.+)$", Pattern.MULTILINE);

  static ControlPlane plane;
  /** Service name to its scrape, taken once traffic has gone through every service. */
  static final Map<String, String> SCRAPES = new LinkedHashMap<>();

  @BeforeAll
  static void startAndDriveTraffic() throws Exception {
    PrometheusTools.require("promtool");
    PrometheusTools.require("prometheus");
    plane = ControlPlane.forTests(false, Ports.from(FreePort::next), "127.0.0.1", 6379, EndToEnd.REPO, Files.createTempDirectory("vastmesh-obs-"),
        List.of());
    plane.start(new PrintStream(OutputStream.nullOutputStream()));
    Topology topology = plane.topology();
    String registry = "http://127.0.0.1:" + topology.registryPort(0) + "/api/v1/vastai/registry/1001";
    await("the worker registered").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(250))
        .until(() -> EndToEnd.get(registry, plane.credentials().registryAdmin()).statusCode() == 200);

    // Traffic through each service, so the meters that appear on first use are in the scrapes.
    assertThat(EndToEnd.post("http://127.0.0.1:" + topology.workerPort() + "/v1/embeddings", plane.credentials().worker(),
        "{\"input\":[\"metrics for a Prometheus shop\"]}").statusCode()).isEqualTo(200);
    EndToEnd.SignedMessage deployment = EndToEnd.deploymentStarted(plane.credentials().ciSource(), "deploy-obs-1");
    assertThat(EndToEnd.send(topology.gatewayPort(0), deployment).statusCode()).isEqualTo(202);
    EndToEnd.SignedMessage forged = EndToEnd.deploymentStarted("whsec_" + "B".repeat(44), "deploy-obs-forged");
    assertThat(EndToEnd.send(topology.gatewayPort(0), forged).statusCode()).isEqualTo(401);
    await("the deployment delivered").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
        .until(() -> EndToEnd.received(plane).stream().anyMatch(item -> item.path("id").asString().equals(deployment.event().id())));

    // The registry's fleet gauges follow its sweep (every 500 ms here), not the registration.
    await("the fleet gauges").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
        .until(() -> scrape(topology.registryPort(0)).contains("vastmesh_registry_instances{environment=\"demo\""));
    SCRAPES.put("registry-service", scrape(topology.registryPort(0)));
    SCRAPES.put("webhook-gateway", scrape(topology.gatewayPort(0)));
    SCRAPES.put("event-router", scrape(topology.routerPort(0)));
    SCRAPES.put("gpu-worker", scrape(topology.workerPort()));
  }

  @AfterAll
  static void stop() {
    if (plane != null) {
      plane.close();
    }
  }

  private static String scrape(int port) throws IOException, InterruptedException {
    return EndToEnd.get("http://127.0.0.1:" + port + "/actuator/prometheus", "").body();
  }

  @Test
  void everyServicesMetricsPassPromtoolsLint() {
    SCRAPES.forEach((service, scrape) -> {
      PrometheusTools.Run lint = PrometheusTools.promtool(EndToEnd.REPO, scrape.getBytes(StandardCharsets.UTF_8), "check", "metrics");

      assertThat(lint.exitCode()).as("promtool check metrics on %s:%n%s", service, lint.output()).isZero();
      assertThat(scrape).as(service).contains("# HELP vastmesh_");
    });
    // The first-use meters are there: the lint saw them too.
    assertThat(SCRAPES.get("webhook-gateway"))
        .contains("vastmesh_gateway_webhooks_total{outcome=\"rejected_bad_signature\",source=\"ci\"} 1.0");
    assertThat(SCRAPES.get("event-router"))
        .containsPattern("vastmesh_router_deliveries_total\\{agent=\"cluster-operator\",outcome=\"delivered\"} [1-9]");
    assertThat(SCRAPES.get("gpu-worker")).contains("vastmesh_worker_queue_wait_seconds_bucket{route=\"/v1/embeddings\",le=\"+Inf\"} ");
  }

  @Test
  void theDashboardAndTheRulesNameOnlyMetricsThatExist() throws IOException {
    Set<String> known = new TreeSet<>(exported());
    known.addAll(COST_MONITOR_METRICS);
    known.add("up");
    known.addAll(PrometheusRulesTests.names("record", PrometheusRulesTests.PROMETHEUS.resolve("rules/recording.yml")));

    for (GrafanaDashboard.Query query : GrafanaDashboard.load().queries()) {
      assertThat(PromQl.metricNames(query.expr())).as("panel %s, query %s: %s", query.panel(), query.refId(), query.expr())
          .isNotEmpty().isSubsetOf(known);
    }
    for (String rules : List.of("rules/recording.yml", "rules/alerts.yml")) {
      RULE_EXPR.matcher(Files.readString(PrometheusRulesTests.PROMETHEUS.resolve(rules))).results().map(m -> m.group(1))
          .forEach(expr -> assertThat(PromQl.metricNames(expr)).as("%s: %s", rules, expr).isNotEmpty().isSubsetOf(known));
    }
  }

  /** Every sample name in the scrapes (histogram buckets, counts and sums included). */
  private static Set<String> exported() {
    Set<String> names = new TreeSet<>();
    SCRAPES.values().forEach(scrape -> scrape.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
        .map(line -> line.split("[{ ]", 2)[0]).forEach(names::add));
    return names;
  }

  @Test
  void prometheusDiscoversTheWorkerThroughTheRegistryAndEvaluatesTheRules(@TempDir Path work) throws Exception {
    Topology topology = plane.topology();
    Path token = Files.writeString(work.resolve("registry-read-token"), plane.credentials().registryAdmin());
    Path config = Files.writeString(work.resolve("prometheus.yml"), localConfig(Map.of(
        "registry-service:3005", "127.0.0.1:" + topology.registryPort(0),
        "webhook-gateway:3001", "127.0.0.1:" + topology.gatewayPort(0),
        "event-router:3006", "127.0.0.1:" + topology.routerPort(0),
        "/etc/prometheus/secrets/registry-read-token", token.toString())));

    try (PrometheusServer prometheus = PrometheusServer.start(config, work)) {
      await("every target scraped").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
          .untilAsserted(() -> assertThat(prometheus.query("up == 1")).as(prometheus.log()).hasSize(4));

      JsonNode worker = workerTarget(prometheus.api("targets?state=active").path("activeTargets"));
      assertThat(worker.path("scrapeUrl").asString()).isEqualTo("http://127.0.0.1:" + topology.workerPort() + "/actuator/prometheus");
      assertThat(worker.path("labels").path("environment").asString()).isEqualTo("demo");
      assertThat(worker.path("labels").path("gpu_type").asString()).isEqualTo("CPU");
      assertThat(worker.path("discoveredLabels").path("__meta_vastmesh_gpu_name").asString()).isEqualTo("cpu (all-MiniLM-L6-v2)");

      JsonNode ready = prometheus.query("vastmesh_worker_phase{job=\"vastmesh-workers\",phase=\"ready\"}");
      assertThat(ready).singleElement().satisfies(sample -> {
        assertThat(sample.path("metric").path("vast_instance").asString()).isEqualTo("1001");
        assertThat(sample.path("value").get(1).asString()).isEqualTo("1");
      });
      assertThat(prometheus.query("sum(vastmesh_gateway_webhooks_total{outcome=\"rejected_bad_signature\"})"))
          .singleElement().satisfies(sample -> assertThat(sample.path("value").get(1).asString()).isEqualTo("1"));
      // The recording rules on real series.
      await("the fleet recorded").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
          .untilAsserted(() -> assertThat(prometheus.query("environment_status:vastmesh_registry_instances:sum{environment=\"demo\"}"))
              .singleElement().satisfies(sample -> assertThat(sample.path("value").get(1).asString()).isEqualTo("1")));
      await("every rule evaluated").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
          .untilAsserted(() -> assertThat(rules(prometheus)).hasSize(10).allSatisfy(rule -> {
            assertThat(rule.path("health").asString()).as(rule.toString()).isEqualTo("ok");
          }));
      // A healthy plane: nothing fires.
      assertThat(prometheus.api("alerts").path("alerts")).isEmpty();
    }
  }

  /** deploy/prometheus/prometheus.yml with these addresses, its rules where they are, and test-sized intervals. */
  private static String localConfig(Map<String, String> addresses) throws IOException {
    Map<String, String> replacements = new LinkedHashMap<>(addresses);
    replacements.put("scrape_interval: 15s", "scrape_interval: 1s");
    replacements.put("evaluation_interval: 15s", "evaluation_interval: 1s");
    replacements.put("refresh_interval: 30s", "refresh_interval: 1s");
    replacements.put("  - rules/", "  - " + PrometheusRulesTests.PROMETHEUS.resolve("rules") + "/");
    String config = Files.readString(PrometheusRulesTests.PROMETHEUS.resolve("prometheus.yml"));
    for (Map.Entry<String, String> replacement : replacements.entrySet()) {
      assertThat(config).as("deploy/prometheus/prometheus.yml").contains(replacement.getKey());
      config = config.replace(replacement.getKey(), replacement.getValue());
    }
    return config;
  }

  private static JsonNode workerTarget(JsonNode targets) {
    List<JsonNode> workers = new ArrayList<>();
    targets.forEach(target -> {
      if (target.path("labels").path("job").asString().equals("vastmesh-workers")) {
        workers.add(target);
      }
    });
    assertThat(workers).singleElement().satisfies(target -> {
      assertThat(target.path("health").asString()).isEqualTo("up");
      assertThat(target.path("labels").path("vast_instance").asString()).isEqualTo("1001");
    });
    return workers.getFirst();
  }

  private static List<JsonNode> rules(PrometheusServer prometheus) throws IOException, InterruptedException {
    List<JsonNode> rules = new ArrayList<>();
    prometheus.api("rules").path("groups").forEach(group -> group.path("rules").forEach(rules::add));
    return rules;
  }
}
