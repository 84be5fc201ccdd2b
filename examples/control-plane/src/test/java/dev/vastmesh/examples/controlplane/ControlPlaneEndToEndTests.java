package dev.vastmesh.examples.controlplane;

import static dev.vastmesh.examples.controlplane.EndToEnd.JSON;
import static dev.vastmesh.examples.controlplane.EndToEnd.awaitDelivery;
import static dev.vastmesh.examples.controlplane.EndToEnd.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.within;

import dev.vastmesh.testsupport.FakeHttpServer;
import dev.vastmesh.testsupport.FreePort;
import dev.vastmesh.testsupport.FakeHttpServer.Reply;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The whole control plane on its embedded defaults, every service a real process started the way
 * {@code ./vastmesh} starts it (with test timings: a 6 s worker TTL), and its flows
 * checked end to end at the demo agent, which verifies every delivery's signature.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControlPlaneEndToEndTests {

  /** Vast's autoscaler, as far as the worker's load reports go. */
  static final FakeHttpServer AUTOSCALER = FakeHttpServer.start().on("/", request -> Reply.status(200));
  /** The demo's ports, and where an offset run would be, held elsewhere all along: the run uses none. */
  static HeldPorts held;
  static ControlPlane plane;

  @BeforeAll
  static void start() throws Exception {
    held = HeldPorts.hold(Ports.defaults(), Ports.offset(17_000));
    Path work = Files.createTempDirectory("vastmesh-e2e-");
    // The worker also reports to a local autoscaler double, so its load reports can be read.
    plane = ControlPlane.forTests(false, Ports.from(FreePort::next), "127.0.0.1", 6379, EndToEnd.REPO, work, List.of(
        "--vastmesh.worker.vast.container-id=1001", "--vastmesh.worker.vast.report-addr=" + AUTOSCALER.url(),
        "--vastmesh.worker.vast.master-token=e2e-mtoken"));
    plane.start(new PrintStream(OutputStream.nullOutputStream()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (plane != null) {
      plane.close();
    }
    AUTOSCALER.close();
    held.close();
  }

  @Test
  @Order(0)
  void noSecretIsOnAnyCommandLineAndTheFixedPortsStayedElsewhere() {
    List<ProcessHandle> running = plane.processes().stream().flatMap(ServiceProcess::handles).toList();
    assertThat(running).hasSizeGreaterThanOrEqualTo(6);
    for (ProcessHandle process : running) {
      String commandLine = EndToEnd.commandLine(process);
      assertThat(commandLine).isNotEmpty();
      assertThat(plane.credentials().values()).allSatisfy(secret -> assertThat(commandLine).doesNotContain(secret));
    }
    assertThat(plane.topology().ports().all()).doesNotContainAnyElementsOf(held.ports());
  }

  @Test
  @Order(1)
  void onceTheModelIsLoadedTheWorkerRegistersAndTheAgentHearsItSigned() throws Exception {
    JsonNode registered = awaitDelivery(plane, event("vastai.mesh.registered", 1001), Duration.ofSeconds(120), "mesh.registered");
    JsonNode ready = awaitDelivery(plane, event("vastai.instance.ready", 1001), Duration.ofSeconds(60), "instance.ready");

    assertThat(registered.path("agent").asString()).isEqualTo("cluster-operator");
    assertThat(registered.path("event").path("data").path("capabilities").toString()).contains("embeddings");
    assertThat(ready.path("event").path("data").path("load_time_seconds").asDouble()).isPositive();
    assertThat(Files.readString(plane.process("demo-agent").orElseThrow().log())).doesNotContain("refused");
    // The worker benchmarked the real model before it said it was ready; its report to the
    // autoscaler travels on its own schedule, so it may land after the registry's events.
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(reports()).anySatisfy(r -> assertThat(JSON.readTree(r).path("max_perf").asDouble()).isPositive()));
  }

  @Test
  @Order(2)
  void aSignedDeploymentEventReachesTheClusterOperatorOnceEvenWhenReplayed() throws Exception {
    EndToEnd.SignedMessage message = EndToEnd.deploymentStarted(plane.credentials().ciSource(), "deploy-e2e-1");

    assertThat(EndToEnd.send(plane.topology().gatewayPort(0), message).statusCode()).isEqualTo(202);
    assertThat(EndToEnd.send(plane.topology().gatewayPort(0), message).statusCode()).as("the replay").isEqualTo(200);

    awaitDelivery(plane, item -> item.path("id").asString().equals(message.event().id()), Duration.ofSeconds(30), "the deployment event");
    // A later event of the same deployment travels the same ordered lane: once it has arrived, a
    // second copy of the first would have arrived before it.
    EndToEnd.SignedMessage marker = EndToEnd.deploymentStarted(plane.credentials().ciSource(), "deploy-e2e-1");
    assertThat(EndToEnd.send(plane.topology().gatewayPort(0), marker).statusCode()).isEqualTo(202);
    awaitDelivery(plane, item -> item.path("id").asString().equals(marker.event().id()), Duration.ofSeconds(30), "the marker");
    assertThat(EndToEnd.received(plane)).filteredOn(item -> item.path("id").asString().equals(message.event().id()))
        .singleElement().satisfies(item -> {
          assertThat(item.path("agent").asString()).isEqualTo("cluster-operator");
          assertThat(item.path("type").asString()).isEqualTo("vastai.deployment.started");
        });
    EndToEnd.SignedMessage forged = EndToEnd.deploymentStarted("whsec_" + "A".repeat(44), "deploy-forged");
    assertThat(EndToEnd.send(plane.topology().gatewayPort(0), forged).statusCode()).isEqualTo(401);
  }

  @Test
  @Order(3)
  void embeddingsThroughTheWorkerAreTheModelsOwnAndTheWorkerReportsTheLoad() throws Exception {
    String request = "{\"input\":[\"GPU workers on Vast.ai\",\"a control plane\",\"cheap and safe\"]}";
    JsonNode viaWorker = JSON.readTree(EndToEnd.post("http://127.0.0.1:" + plane.topology().workerPort() + "/v1/embeddings",
        plane.credentials().worker(), request).body());
    JsonNode direct = JSON.readTree(EndToEnd.post("http://127.0.0.1:" + plane.topology().modelPort() + "/v1/embeddings",
        "none", request).body());

    assertThat(viaWorker.path("data")).hasSize(3);
    for (int i = 0; i < 3; i++) {
      JsonNode a = viaWorker.path("data").get(i).path("embedding");
      JsonNode b = direct.path("data").get(i).path("embedding");
      assertThat(a).hasSize(384);
      for (int d = 0; d < 384; d++) {
        assertThat(a.get(d).asDouble()).isCloseTo(b.get(d).asDouble(), within(1e-5));
      }
    }
    assertThat(EndToEnd.post("http://127.0.0.1:" + plane.topology().workerPort() + "/v1/embeddings", "wrong-token", request)
        .statusCode()).isEqualTo(401);

    // The three inputs are this request's workload: the autoscaler hears it as served work.
    await().atMost(Duration.ofSeconds(20)).until(() -> reports().stream().anyMatch(ControlPlaneEndToEndTests::servedThree));
    assertThat(reports()).anySatisfy(report -> assertThat(servedThree(report)).as(report).isTrue());
    String metrics = EndToEnd.get("http://127.0.0.1:" + plane.topology().workerPort() + "/actuator/prometheus", "").body();
    assertThat(metrics).contains("vastmesh_worker_requests_total{outcome=\"ok\",route=\"/v1/embeddings\"} 1.0");
  }

  private static boolean servedThree(String report) {
    JsonNode json = JSON.readTree(report);
    return json.path("cur_perf").asDouble() == 3.0 && json.path("num_requests_recieved").asLong() >= 1;
  }

  @Test
  @Order(4)
  void aWorkerThatStopsHeartbeatingIsUnregisteredAndUnhealthyAfterItsTtl() throws Exception {
    plane.process("gpu-worker").orElseThrow().kill();

    JsonNode gone = awaitDelivery(plane, event("vastai.mesh.unregistered", 1001), Duration.ofSeconds(40), "mesh.unregistered");
    awaitDelivery(plane, event("vastai.health.unhealthy", 1001), Duration.ofSeconds(20), "health.unhealthy");
    assertThat(gone.path("event").path("data").path("reason").asString()).isEqualTo("expired");
  }

  /** The bodies of the worker's {@code /worker_status/} reports so far. */
  static List<String> reports() {
    return AUTOSCALER.requests("/worker_status/").stream().map(FakeHttpServer.Request::text).toList();
  }
}
