package dev.vastmesh.router.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.events.EventType;
import dev.vastmesh.events.testing.EventFixtures;
import dev.vastmesh.testsupport.Problems;
import dev.vastmesh.testsupport.ServiceClient.Response;
import dev.vastmesh.router.support.FakeAgent;
import dev.vastmesh.router.support.RouterClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Ingest, routing, signed delivery, retries, dead letters and ordering, end to end, in the embedded mode. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "vastmesh.router.tokens[0].name=gateway", "vastmesh.router.tokens[0].value=ingest-token", "vastmesh.router.tokens[0].scopes=ingest",
    "vastmesh.router.tokens[1].name=ops", "vastmesh.router.tokens[1].value=admin-token", "vastmesh.router.tokens[1].scopes=admin",
    "vastmesh.router.agents.cluster-operator.secret=" + RouterIntegrationTests.SECRET,
    "vastmesh.router.agents.cluster-operator.max-attempts=3",
    "vastmesh.router.agents.cluster-operator.initial-backoff=50ms",
    "vastmesh.router.agents.cluster-operator.max-backoff=200ms",
    "vastmesh.router.agents.cost-intelligence-monitor.secret=" + RouterIntegrationTests.SECRET,
    "vastmesh.router.circuit.failure-threshold=100",
    "vastmesh.router.max-request-bytes=65536"})
class RouterIntegrationTests {

  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final String EVENTS = "/api/v1/events";
  // Shared by this class and its Redis subclass; the JVM ends them.
  static final FakeAgent OPERATOR = new FakeAgent(SECRET);
  static final FakeAgent COST = new FakeAgent(SECRET);

  @DynamicPropertySource
  static void agents(DynamicPropertyRegistry registry) {
    registry.add("vastmesh.router.agents.cluster-operator.url", OPERATOR::url);
    registry.add("vastmesh.router.agents.cost-intelligence-monitor.url", COST::url);
  }

  @LocalServerPort
  int port;
  RouterClient api;

  @BeforeEach
  void reset() {
    api = new RouterClient(port);
    OPERATOR.reset();
    COST.reset();
    api.send("DELETE", "/api/v1/dead-letters", "", "admin-token", null, null);
  }

  static String event(EventType type, String subject) {
    return new String(EventFixtures.bytes(type), StandardCharsets.UTF_8)
        .replaceFirst("\"id\":\"[^\"]+\"", "\"id\":\"" + UUID.randomUUID() + "\"")
        .replace("\"subject\":\"29484611\"", "\"subject\":\"" + subject + "\"");
  }

  Response post(String body, String contentType) {
    return api.send("POST", EVENTS, "", "ingest-token", body, contentType);
  }

  static void await(BooleanSupplier condition) {
    Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
  }

  @Test
  void eventsReachTheirRoutedAgentSignedTheStandardWebhooksWay() throws Exception {
    String mesh = event(EventType.MESH_REGISTERED, "1");
    String cost = event(EventType.COST_SAMPLED, "1");

    Response accepted = post(mesh, "application/cloudevents+json");
    post(cost, "application/json");

    assertThat(accepted.status()).isEqualTo(202);
    String id = accepted.json().get("event_ids").get(0).asString();
    await(() -> OPERATOR.received().size() == 1 && COST.received().size() == 1);
    assertThat(OPERATOR.received().getFirst().event().id()).isEqualTo(id);
    assertThat(OPERATOR.received().getFirst().webhookId()).isEqualTo(id + ":cluster-operator");
    assertThat(COST.received().getFirst().event().type()).isEqualTo(EventType.COST_SAMPLED);
    assertThat(OPERATOR.badSignatures()).isZero();
  }

  @Test
  void anUnknownEventTypeIsTheSameValidationProblemAsAtTheGateway() {
    Response refused = post(event(EventType.INSTANCE_READY, "9").replace("vastai.instance.ready", "vastai.instance.exploded"),
        "application/cloudevents+json");
    assertThat(refused.status()).isEqualTo(400);
    Problems.assertOneInvalidValue(refused.json(), "invalid-event", "/type", "UNKNOWN_TYPE", "vastai.instance.exploded");
  }

  @Test
  void aBatchIsAcceptedWholeOrNotAtAll() throws Exception {
    String batch = "[" + event(EventType.INSTANCE_CREATED, "7") + "," + event(EventType.INSTANCE_READY, "7") + "]";
    Response accepted = post(batch, "application/cloudevents-batch+json");
    assertThat(accepted.status()).isEqualTo(202);
    assertThat(accepted.json().get("accepted").asInt()).isEqualTo(2);
    await(() -> OPERATOR.received().size() == 2);

    String broken = "[" + event(EventType.INSTANCE_CREATED, "8") + "," + event(EventType.INSTANCE_READY, "8").replace("\"1.0\"", "\"0.3\"") + "]";
    Response refused = post(broken, "application/cloudevents-batch+json");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("type").asString()).isEqualTo("https://vastmesh.dev/problems/invalid-event");
    assertThat(refused.json().get("errors").get(0).get("pointer").asString()).as("the second event's specversion")
        .isEqualTo("/1/specversion");
    // Events of one subject are delivered in order: once a later one for subject 8 arrived, any
    // event of the refused batch would have arrived before it.
    String marker = event(EventType.INSTANCE_READY, "8");
    post(marker, "application/json");
    String markerId = marker.replaceAll("^.*?\"id\":\"([^\"]+)\".*$", "$1");
    await(() -> OPERATOR.received().stream().anyMatch(r -> r.event().id().equals(markerId)));
    assertThat(OPERATOR.received().stream().takeWhile(r -> !r.event().id().equals(markerId))).hasSize(2);
  }

  @Test
  void badRequestsAreRefusedPrecisely() {
    String body = event(EventType.MESH_HEARTBEAT, "1");
    assertThat(api.send("POST", EVENTS, "", null, body, "application/json").status()).isEqualTo(401);
    assertThat(api.send("POST", EVENTS, "", "wrong", body, "application/json").status()).isEqualTo(401);
    assertThat(post("{not json", "application/json").status()).isEqualTo(400);
    assertThat(post("[]", "application/json").status()).isEqualTo(400);
    assertThat(post(body, "text/plain").status()).isEqualTo(415);
    assertThat(api.send("GET", "/api/v1/routes", "", "ingest-token", null, null).status()).isEqualTo(403);
    assertThat(post("{\"x\":\"" + "a".repeat(100_000) + "\"}", "application/json").status()).isEqualTo(413);
  }

  @Test
  void failuresAreRetriedUntilTheyAreDelivered() throws Exception {
    OPERATOR.thenAnswer(503, 502);

    post(event(EventType.INSTANCE_FAILED, "3"), "application/json");

    await(() -> OPERATOR.received().size() == 1);
    assertThat(OPERATOR.attemptTimes()).hasSize(3);
    assertThat(api.get("/actuator/prometheus", "", null).body())
        .containsPattern("vastmesh_router_deliveries_total\\{agent=\"cluster-operator\",outcome=\"retried\"} [1-9]");
  }

  @Test
  void retryAfterIsHonoured() throws Exception {
    OPERATOR.thenAnswerWithRetryAfter(429, 1);

    post(event(EventType.INSTANCE_FAILED, "4"), "application/json");

    await(() -> OPERATOR.received().size() == 1);
    List<Long> attempts = OPERATOR.attemptTimes();
    assertThat(Duration.ofNanos(attempts.get(1) - attempts.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void aFinal4xxIsDeadLetteredAtOnceAndCanBeInspectedReplayedAndPurged() throws Exception {
    OPERATOR.thenAnswer(400);
    String id = post(event(EventType.INSTANCE_TERMINATED, "5"), "application/json").json().get("event_ids").get(0).asString();

    await(() -> api.get("/api/v1/dead-letters", "", "admin-token").json().get("count").asInt() == 1);
    assertThat(OPERATOR.attemptTimes()).hasSize(1);
    Response letter = api.get("/api/v1/dead-letters/{id}", "", "admin-token", id + ":cluster-operator");
    assertThat(letter.json().get("last_status").asInt()).isEqualTo(400);
    assertThat(letter.json().get("attempts").asInt()).isEqualTo(1);
    assertThat(letter.json().get("event_type").asString()).isEqualTo("vastai.instance.terminated");

    assertThat(api.send("POST", "/api/v1/dead-letters/{id}/replay", "", "admin-token", null, null, id + ":cluster-operator").status())
        .isEqualTo(202);
    await(() -> OPERATOR.received().size() == 1);
    assertThat(OPERATOR.received().getFirst().webhookId()).isEqualTo(id + ":cluster-operator");
    assertThat(api.get("/api/v1/dead-letters", "", "admin-token").json().get("count").asInt()).isZero();
    assertThat(api.get("/api/v1/dead-letters/{id}", "", "admin-token", "nope").status()).isEqualTo(404);
  }

  @Test
  void exhaustedRetriesAreDeadLetteredWithTheLastErrorThenReplayedAll() throws Exception {
    OPERATOR.answer(503);
    post(event(EventType.HEALTH_DEGRADED, "6"), "application/json");
    post(event(EventType.HEALTH_UNHEALTHY, "66"), "application/json");

    await(() -> api.get("/api/v1/dead-letters", "", "admin-token").json().get("count").asInt() == 2);
    Response list = api.get("/api/v1/dead-letters", "", "admin-token");
    assertThat(list.json().get("dead_letters").get(0).get("attempts").asInt()).isEqualTo(3);
    assertThat(list.json().get("dead_letters").get(0).get("last_error").asString()).isEqualTo("HTTP 503");

    OPERATOR.answer(200);
    assertThat(api.send("POST", "/api/v1/dead-letters/replay", "", "admin-token", null, null).json().get("replayed").asInt()).isEqualTo(2);
    await(() -> OPERATOR.received().size() == 2);
    assertThat(api.send("DELETE", "/api/v1/dead-letters", "", "admin-token", null, null).json().get("purged").asInt()).isZero();
  }

  @Test
  void eventsOfOneSubjectArriveInOrderEvenThroughRetries() throws Exception {
    OPERATOR.thenAnswer(503, 503);
    List<String> sent = new ArrayList<>();
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 30; i++) {
      String body = event(EventType.MESH_HEARTBEAT, "instance-42");
      sent.add(body.replaceAll("^.*?\"id\":\"([^\"]+)\".*$", "$1"));
      batch.append(i == 0 ? "" : ",").append(body);
    }
    post(batch.append("]").toString(), "application/json");

    await(() -> OPERATOR.received().size() == 30);
    assertThat(OPERATOR.received()).extracting(r -> r.event().id()).containsExactlyElementsOf(sent);
  }

  @Test
  void routesShowTheDesignsTable() {
    Response routes = api.get("/api/v1/routes", "", "admin-token");

    assertThat(routes.json().get("routes").get("vastai.cost.budget_exceeded").get(0).asString()).isEqualTo("cost-intelligence-monitor");
    assertThat(routes.json().get("routes").get("vastai.mesh.registered").get(0).asString()).isEqualTo("cluster-operator");
    assertThat(routes.body()).doesNotContain(SECRET).doesNotContain("whsec_");
  }

  @Test
  void metricsDescribeEachAgent() throws Exception {
    post(event(EventType.MESH_HEARTBEAT, "9"), "application/json");
    await(() -> OPERATOR.received().size() == 1);

    String metrics = api.get("/actuator/prometheus", "", null).body();

    assertThat(metrics).containsPattern("vastmesh_router_deliveries_total\\{agent=\"cluster-operator\",outcome=\"delivered\"} [1-9]");
    assertThat(metrics).contains("vastmesh_router_queue_depth{agent=\"cluster-operator\"}");
    assertThat(metrics).contains("vastmesh_router_circuit_state{agent=\"cluster-operator\"}");
    assertThat(metrics).contains("vastmesh_router_delivery_seconds_count{agent=\"cluster-operator\"}");
    assertThat(metrics).doesNotContain(SECRET);
  }
}
