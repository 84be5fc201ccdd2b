package dev.vastmesh.examples.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The control plane's metrics as a Prometheus shop meets them, against the real processes: every
 * service's {@code /actuator/prometheus} passes {@code promtool check metrics}.
 */
class ObservabilityEndToEndTests {

  static ControlPlane plane;
  /** Service name to its scrape, taken once traffic has gone through every service. */
  static final Map<String, String> SCRAPES = new LinkedHashMap<>();

  @BeforeAll
  static void startAndDriveTraffic() throws Exception {
    PrometheusTools.require("promtool");
    plane = ControlPlane.forTests(false, 11_000, "127.0.0.1", 6379, EndToEnd.REPO, Files.createTempDirectory("vastmesh-obs-"),
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
    assertThat(SCRAPES.get("webhook-gateway")).contains("vastmesh_gateway_webhooks_total{outcome=\"rejected_bad_signature\",source=\"ci\"} 1.0");
    assertThat(SCRAPES.get("event-router")).containsPattern("vastmesh_router_deliveries_total\\{agent=\"cluster-operator\",outcome=\"delivered\"} [1-9]");
    assertThat(SCRAPES.get("gpu-worker")).contains("vastmesh_worker_queue_wait_seconds_bucket{route=\"/v1/embeddings\",le=\"+Inf\"} ");
  }
}
