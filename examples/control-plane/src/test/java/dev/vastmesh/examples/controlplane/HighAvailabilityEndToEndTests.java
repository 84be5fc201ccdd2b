package dev.vastmesh.examples.controlplane;

import static dev.vastmesh.examples.controlplane.EndToEnd.JSON;
import static dev.vastmesh.examples.controlplane.EndToEnd.awaitDelivery;
import static dev.vastmesh.examples.controlplane.EndToEnd.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.testsupport.FreePort;
import dev.vastmesh.testsupport.RedisTestSupport;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The HA mode: two replicas each of registry, gateway and router sharing the local Redis. The same
 * flows with requests spread over the replicas, and a router replica killed (SIGKILL) in the
 * middle of a stream of events without losing one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HighAvailabilityEndToEndTests {

  /** The demo's ports, and where an offset run would be, held elsewhere all along: the run uses none. */
  static HeldPorts held;
  static ControlPlane plane;

  @BeforeAll
  static void start() throws Exception {
    held = HeldPorts.hold(Ports.defaults(), Ports.offset(20_000));
    Path work = Files.createTempDirectory("vastmesh-ha-e2e-");
    // A real Redis (the local one, or Testcontainers on a laptop with Docker); never skipped.
    plane = ControlPlane.forTests(true, Ports.from(FreePort::next), RedisTestSupport.host(), RedisTestSupport.port(), EndToEnd.REPO, work, List.of());
    plane.start(new PrintStream(OutputStream.nullOutputStream()));
  }

  @AfterAll
  static void stop() throws Exception {
    held.close();
    if (plane != null) {
      plane.close();
      // Closing an HA run removes its keys: nothing is left under the run's prefix.
      assertThat(RedisKeys.count(RedisTestSupport.host(), RedisTestSupport.port(), plane.topology().redisPrefix())).isZero();
    }
  }

  @Test
  @Order(1)
  void theWorkerRegistersWithOneReplicaAndEveryReplicaKnowsIt() throws Exception {
    awaitDelivery(plane, event("vastai.mesh.registered", 1001), Duration.ofSeconds(120), "mesh.registered");
    awaitDelivery(plane, event("vastai.instance.ready", 1001), Duration.ofSeconds(60), "instance.ready");

    for (int replica = 0; replica < 2; replica++) {
      JsonNode list = JSON.readTree(EndToEnd.get("http://127.0.0.1:" + plane.topology().registryPort(replica)
          + "/api/v1/vastai/registry", plane.credentials().registryAdmin()).body());
      assertThat(list.path("instances").toString()).as("replica " + replica).contains("\"instance_id\":1001");
    }
    assertThat(EndToEnd.received(plane)).as("one registration, one delivery, though two routers consume")
        .filteredOn(event("vastai.mesh.registered", 1001)::test).hasSize(1);
  }

  @Test
  @Order(2)
  void eventsSpreadOverBothGatewaysAllArriveThoughARouterIsKilledMidFlow() throws Exception {
    List<EndToEnd.SignedMessage> messages = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      EndToEnd.SignedMessage message = EndToEnd.deploymentStarted(plane.credentials().ciSource(), "deploy-ha-" + i);
      messages.add(message);
      assertThat(EndToEnd.send(plane.topology().gatewayPort(i % 2), message).statusCode()).isEqualTo(202);
      if (i == 10) {
        plane.process("event-router-a").orElseThrow().kill();
      }
    }
    // A replay to the other gateway is still a replay: the replay cache is shared.
    assertThat(EndToEnd.send(plane.topology().gatewayPort(1), messages.getFirst()).statusCode()).isEqualTo(200);

    Set<String> expected = new HashSet<>(messages.stream().map(m -> m.event().id()).toList());
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> assertThat(
        EndToEnd.received(plane).stream().map(item -> item.path("id").asString()).collect(java.util.stream.Collectors.toSet()))
        .as("every accepted event reached the agent").containsAll(expected));
  }

  @Test
  @Order(3)
  void theSurvivingReplicasReportAStoppedWorkerGone() throws Exception {
    java.time.Instant killed = java.time.Instant.now();
    plane.process("gpu-worker").orElseThrow().kill();

    JsonNode gone = awaitDelivery(plane, event("vastai.mesh.unregistered", 1001), Duration.ofSeconds(40), "mesh.unregistered");
    awaitDelivery(plane, event("vastai.health.unhealthy", 1001), Duration.ofSeconds(20), "health.unhealthy");
    assertThat(gone.path("event").path("data").path("reason").asString()).isEqualTo("expired");
    // Counted from the kill on: a heartbeat starved on a loaded CI machine may have expired earlier.
    assertThat(EndToEnd.received(plane)).as("expired once, though two registries sweep")
        .filteredOn(event("vastai.mesh.unregistered", 1001)::test)
        .filteredOn(item -> java.time.Instant.parse(item.path("event").path("time").asString()).isAfter(killed))
        .hasSize(1);
  }
}
