package dev.vastmesh.router.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.events.EventType;
import dev.vastmesh.events.testing.EventFixtures;
import dev.vastmesh.testsupport.OwnRedis;
import dev.vastmesh.router.support.FakeAgent;
import dev.vastmesh.router.support.RouterProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Redis mode under faults, on a Redis of the test's own: two real router processes, a
 * sender that retries every 503 (as the gateway's senders do), and an agent that counts what
 * arrives by event id. In turn: Redis restarted empty, Redis frozen (SIGSTOP) for longer than
 * the command timeout, one router killed with SIGKILL mid-stream. Nothing accepted is lost,
 * nothing is restarted by the test but Redis, and the only duplicates are those at-least-once
 * delivery documents: entries a router had in flight when it died or could not acknowledge.
 */
class RouterFaultSuiteIntegrationTests {

  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  final OwnRedis redis = OwnRedis.start(Path.of("target", "fault-suite-redis.log"));
  final FakeAgent agent = new FakeAgent(SECRET);
  final List<RouterProcess> routers = new ArrayList<>();
  /** Accepted event id → the phase it was accepted in. */
  final Map<String, String> accepted = new ConcurrentHashMap<>();

  @AfterEach
  void stop() {
    routers.forEach(RouterProcess::close);
    agent.close();
    redis.close();
  }

  private RouterProcess router(String name) {
    RouterProcess router = RouterProcess.start(name, RouterProcess.redisMode(name, redis.host(), redis.port(),
        new RouterProcess.FakeAgentAddress(agent.url(), SECRET), "--vastmesh.router.redis.trim-interval=1s",
        "--spring.data.redis.timeout=1s"));
    routers.add(router);
    return router;
  }

  private static String newEvent(String id) {
    return new String(EventFixtures.bytes(EventType.MESH_HEARTBEAT), StandardCharsets.UTF_8)
        .replaceFirst("\"id\":\"[^\"]+\"", "\"id\":\"" + id + "\"")
        .replace("\"subject\":\"29484611\"", "\"subject\":\"instance-" + (id.hashCode() & 7) + "\"");
  }

  /** Sends new events through {@code via} as one batch, retrying 503s and refused connections until it is accepted. */
  private List<String> sendUntilAccepted(RouterProcess via, int count, String phase) {
    List<String> ids = new ArrayList<>();
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < count; i++) {
      String id = UUID.randomUUID().toString();
      ids.add(id);
      batch.append(i == 0 ? "" : ",").append(newEvent(id));
    }
    String body = batch.append(']').toString();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
        .until(() -> via.client().send("POST", "/api/v1/events", "", "ingest-token", body, "application/json").status() == 202);
    ids.forEach(id -> accepted.put(id, phase));
    return ids;
  }

  /** {@code batches} batches of {@code size}, alternating between the routers. */
  private void sendMany(int batches, int size, String phase) {
    for (int i = 0; i < batches; i++) {
      sendUntilAccepted(routers.get(i % routers.size()), size, phase);
    }
  }

  private Map<String, Long> deliveries() {
    return agent.received().stream().collect(Collectors.groupingBy(r -> r.event().id(), Collectors.counting()));
  }

  private void awaitAllDelivered(String phase) {
    await().atMost(Duration.ofSeconds(60)).until(() -> deliveries().keySet().containsAll(idsOf(phase)));
  }

  private Set<String> idsOf(String phase) {
    return accepted.entrySet().stream().filter(e -> e.getValue().equals(phase)).map(Map.Entry::getKey).collect(Collectors.toSet());
  }

  @Test
  void nothingAcceptedIsLostThroughARedisRestartAFreezeAndARouterKill() {
    RouterProcess a = router("fault-router-a");
    RouterProcess b = router("fault-router-b");
    a.awaitReady();
    b.awaitReady();

    sendMany(4, 10, "baseline");
    awaitAllDelivered("baseline");

    // Redis restarted without persistence: the stream and the consumer group are gone.
    redis.restartEmpty();
    sendMany(4, 10, "after-restart");
    awaitAllDelivered("after-restart");

    // Redis frozen until a write has timed out and the routers report not ready; then resumed.
    redis.freeze();
    CompletableFuture<Void> duringFreeze;
    try {
      duringFreeze = CompletableFuture.runAsync(() -> sendMany(2, 5, "frozen"));
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
          .until(() -> a.client().get("/actuator/health/readiness", "", null).status() == 503);
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
          .until(() -> b.client().get("/actuator/health/readiness", "", null).status() == 503);
    } finally {
      redis.thaw();
    }
    duringFreeze.join();
    awaitAllDelivered("frozen");

    // One router killed while it holds undelivered entries; the other takes them over.
    agent.delay(Duration.ofMillis(50));
    int before = agent.received().size();
    sendUntilAccepted(a, 80, "killed");
    await().atMost(Duration.ofSeconds(30)).until(() -> agent.received().size() >= before + 5);
    a.kill();
    assertThat(a.exitValue()).isNotZero();
    assertThat(deliveries().keySet().containsAll(idsOf("killed"))).as("the kill left some undelivered").isFalse();
    awaitAllDelivered("killed");

    Map<String, Long> delivered = deliveries();
    assertThat(delivered.keySet()).as("every accepted event delivered: 0 lost").containsAll(accepted.keySet());
    Function<String, Long> duplicatesIn = phase -> idsOf(phase).stream().filter(id -> delivered.get(id) > 1).count();
    assertThat(duplicatesIn.apply("baseline")).as("no duplicate without a fault").isZero();
    assertThat(duplicatesIn.apply("after-restart")).as("a restart redelivers nothing").isZero();
    assertThat(b.client().get("/actuator/health/readiness", "", null).status()).as("recovered without a restart").isEqualTo(200);
  }
}
