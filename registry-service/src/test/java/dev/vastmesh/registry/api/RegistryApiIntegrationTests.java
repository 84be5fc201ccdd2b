package dev.vastmesh.registry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.EventType;
import dev.vastmesh.events.payload.HealthDegraded;
import dev.vastmesh.events.payload.MeshRegistered;
import dev.vastmesh.events.payload.MeshUnregistered;
import dev.vastmesh.events.payload.UnregisterReason;
import dev.vastmesh.registry.expiry.ExpirySweeper;
import dev.vastmesh.registry.store.InstanceStore;
import dev.vastmesh.testsupport.MutableClock;
import dev.vastmesh.registry.support.RecordingListener;
import dev.vastmesh.registry.support.RegistryClient;
import dev.vastmesh.testsupport.ServiceClient;
import dev.vastmesh.testsupport.ServiceClient.Response;
import dev.vastmesh.registry.support.RegistryTestConfiguration;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * The registry end to end over HTTP, in the embedded mode. {@code RedisRegistryApiIntegrationTests}
 * runs every test here again on Redis. Every response is checked against the OpenAPI contract.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "vastmesh.registry.security.tokens[0].name=admin", "vastmesh.registry.security.tokens[0].value=admin-token",
    "vastmesh.registry.security.tokens[0].scopes=admin",
    "vastmesh.registry.security.tokens[1].name=prometheus", "vastmesh.registry.security.tokens[1].value=read-token",
    "vastmesh.registry.security.tokens[1].scopes=read",
    "vastmesh.registry.security.tokens[2].name=ci", "vastmesh.registry.security.tokens[2].value=register-token",
    "vastmesh.registry.security.tokens[2].scopes=register",
    "vastmesh.registry.security.tokens[3].name=ops", "vastmesh.registry.security.tokens[3].value=write-token",
    "vastmesh.registry.security.tokens[3].scopes=write",
    "vastmesh.registry.expiry.sweep-interval=1h",
    "vastmesh.registry.expiry.self-preservation-window=60s",
    "vastmesh.registry.ttl.min=1s",
    "vastmesh.registry.watch.max-wait=10s"})
@Import(RegistryTestConfiguration.class)
class RegistryApiIntegrationTests {

  static final String BASE = "/api/v1/vastai/registry";
  static final String REGISTER = BASE + "/register";
  static final String INSTANCE = BASE + "/{instanceId}";
  static final String HEARTBEAT = BASE + "/{instanceId}/heartbeat";
  static final String SD = BASE + "/prometheus-sd";
  static final String ADMIN = "admin-token";
  static final String READ = "read-token";
  static final String REGISTRAR = "register-token";
  static final String WRITE = "write-token";

  /** A full registration with every optional field, as a worker sends it. */
  static final String FULL_REGISTRATION = """
      {
        "instance_id": 29484611,
        "contract_id": 12345,
        "tailscale_ip": "100.113.211.78",
        "tailscale_hostname": "vastai-gpu-worker-1",
        "capabilities": ["inference", "embeddings"],
        "status": "ready",
        "environment": "prod",
        "trigger_id": "gitlab-pipeline-123",
        "gpu_type": "RTX_4090",
        "gpu_name": "NVIDIA RTX 4090",
        "cost_per_hour": 0.34
      }""";

  @LocalServerPort
  int port;
  @Autowired
  MutableClock clock;
  @Autowired
  RecordingListener listener;
  @Autowired
  InstanceStore store;
  @Autowired
  ExpirySweeper sweeper;

  RegistryClient api;

  @BeforeEach
  void cleanRegistry() {
    api = new RegistryClient(port);
    clock.set(RegistryTestConfiguration.T0);
    store.all().forEach(instance -> store.remove(instance.instanceId()));
    sweeper.sweep();
    listener.clear();
  }

  @Test
  void aFullRegistrationWorksWithAToken() {
    Response registered = api.post(REGISTER, REGISTRAR, FULL_REGISTRATION);
    assertThat(registered.status()).isEqualTo(201);
    assertThat(registered.header("Location")).isEqualTo(BASE + "/29484611");
    JsonNode instance = registered.json().get("instance");
    assertThat(instance.get("instance_id").asLong()).isEqualTo(29484611L);
    assertThat(instance.get("cost_per_hour").decimalValue()).isEqualByComparingTo("0.34");
    assertThat(instance.get("expires_at").asString()).isEqualTo("2026-01-04T12:05:00Z");

    Response listed = api.get(BASE, "environment=prod&status=ready", READ);
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.json().get("instances").get(0).get("tailscale_hostname").asString()).isEqualTo("vastai-gpu-worker-1");

    clock.advance(Duration.ofSeconds(30));
    Response heartbeat = api.post(HEARTBEAT, registered.json().get("instance_token").asString(), null, 29484611L);
    assertThat(heartbeat.status()).isEqualTo(200);
    assertThat(heartbeat.json().get("expires_at").asString()).isEqualTo("2026-01-04T12:05:30Z");
  }

  @Test
  void registeringAgainUpdatesInPlaceKeepsRegisteredAtAndReplacesTheToken() {
    String firstToken = api.post(REGISTER, REGISTRAR, FULL_REGISTRATION).json().get("instance_token").asString();
    clock.advance(Duration.ofSeconds(10));

    Response again = api.post(REGISTER, REGISTRAR, FULL_REGISTRATION.replace("\"ready\"", "\"busy\""));

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("instance").get("registered_at").asString()).isEqualTo("2026-01-04T12:00:00Z");
    assertThat(again.json().get("instance").get("status").asString()).isEqualTo("busy");
    assertThat(api.post(HEARTBEAT, firstToken, null, 29484611L).status()).isEqualTo(401);
    assertThat(api.post(HEARTBEAT, again.json().get("instance_token").asString(), null, 29484611L).status()).isEqualTo(200);
    assertThat(api.get(BASE, "", READ).json().get("count").asInt()).isEqualTo(1);
  }

  @Test
  void invalidRegistrationListsEveryBadField() {
    Response response = api.post(REGISTER, REGISTRAR, """
        {"instance_id": -5, "tailscale_ip": "999.1.1.1", "capabilities": ["Inference"], "status": "sleeping",
         "environment": "Prod!", "cost_per_hour": -1, "worker_url": "ftp://x", "num_gpus": 0,
         "offer_type": "spot", "labels": {"bad key": "v", "ok": "%s"}, "ttl_seconds": 30}
        """.formatted("x".repeat(513)));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("type").asString()).isEqualTo("https://vastmesh.dev/problems/invalid-request");
    List<String> fields = new ArrayList<>();
    response.json().get("errors").forEach(e -> fields.add(e.get("pointer").asString()));
    assertThat(fields).containsExactlyInAnyOrder("/instance_id", "/tailscale_ip", "/capabilities/0", "/status",
        "/environment", "/cost_per_hour", "/worker_url", "/num_gpus", "/offer_type", "/labels/bad key", "/labels/ok");
    response.json().get("errors").forEach(e -> assertThat(e.get("detail").asString()).isNotBlank());
  }

  @Test
  void missingInstanceIdAndTtlOutOfBoundsAreReported() {
    Response missing = api.post(REGISTER, REGISTRAR, "{\"status\":\"ready\"}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("errors").get(0).get("pointer").asString()).isEqualTo("/instance_id");

    Response ttl = api.post(REGISTER, REGISTRAR, "{\"instance_id\":1,\"ttl_seconds\":86400}");
    assertThat(ttl.status()).isEqualTo(400);
    assertThat(ttl.json().get("errors").get(0).get("pointer").asString()).isEqualTo("/ttl_seconds");
  }

  @Test
  void malformedBodiesAreRejectedPrecisely() {
    assertThat(api.post(REGISTER, REGISTRAR, "{\"instance_id\": ").status()).isEqualTo(400);
    Response wrongType = api.post(REGISTER, REGISTRAR, "{\"instance_id\": \"abc\"}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.json().get("type").asString()).isEqualTo("https://vastmesh.dev/problems/invalid-request");
    assertThat(wrongType.json().get("errors").get(0).get("pointer").asString()).isEqualTo("/instance_id");
    assertThat(api.send("POST", REGISTER, "", REGISTRAR, "", "application/json").status()).isEqualTo(400);
    Response text = api.send("POST", REGISTER, "", REGISTRAR, FULL_REGISTRATION, "text/plain");
    assertThat(text.status()).isEqualTo(415);
    assertThat(text.json().get("type").asString()).isEqualTo("https://vastmesh.dev/problems/unsupported-media-type");
    assertThat(api.get(INSTANCE, "", READ, "not-a-number").status()).isEqualTo(400);
  }

  @Test
  void oversizedBodiesAreRefusedWhetherDeclaredOrStreamed() throws Exception {
    String huge = "{\"instance_id\":1,\"gpu_name\":\"" + "x".repeat(70_000) + "\"}";
    Response declared = api.post(REGISTER, REGISTRAR, huge);
    assertThat(declared.status()).isEqualTo(413);
    assertThat(declared.json().get("type").asString()).isEqualTo("https://vastmesh.dev/problems/payload-too-large");

    HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + REGISTER))
        .header("Authorization", "Bearer " + REGISTRAR).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge.getBytes()))).build();
    HttpResponse<String> streamed = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());
    assertThat(streamed.statusCode()).isEqualTo(413);
    assertThat(streamed.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
  }

  @Test
  void everyOperationNeedsTheRightCredentials() {
    Response noToken = api.get(BASE, "", null);
    assertThat(noToken.status()).isEqualTo(401);
    assertThat(noToken.header("WWW-Authenticate")).startsWith("Bearer");
    assertThat(api.get(BASE, "", "wrong-token").status()).isEqualTo(401);
    assertThat(api.get(SD, "", null).status()).isEqualTo(401);
    assertThat(api.send("GET", BASE, "", null, null, null).status()).isEqualTo(401);
    assertThat(api.post(REGISTER, null, FULL_REGISTRATION).status()).isEqualTo(401);
    assertThat(api.post(REGISTER, READ, FULL_REGISTRATION).status()).isEqualTo(403);

    String token = api.post(REGISTER, REGISTRAR, FULL_REGISTRATION).json().get("instance_token").asString();
    String other = api.post(REGISTER, REGISTRAR, "{\"instance_id\": 7}").json().get("instance_token").asString();

    assertThat(api.post(HEARTBEAT, REGISTRAR, null, 29484611L).status()).isEqualTo(403);
    assertThat(api.post(HEARTBEAT, null, null, 29484611L).status()).isEqualTo(401);
    assertThat(api.post(HEARTBEAT, other, null, 29484611L).status()).isEqualTo(403);
    assertThat(api.post(HEARTBEAT, WRITE, null, 29484611L).status()).isEqualTo(200);
    assertThat(api.post(HEARTBEAT, token, null, 29484611L).status()).isEqualTo(200);
    assertThat(api.get(BASE, "", token).status()).isEqualTo(403);
    assertThat(api.post(REGISTER, token, FULL_REGISTRATION).status()).isEqualTo(403);
    assertThat(api.delete(INSTANCE, other, 29484611L).status()).isEqualTo(403);
    assertThat(api.delete(INSTANCE, READ, 29484611L).status()).isEqualTo(403);
    assertThat(api.send("GET", BASE, "", null, null, null).status()).isEqualTo(401);
    assertThat(api.delete(INSTANCE, token, 29484611L).status()).isEqualTo(204);
    assertThat(api.get(INSTANCE, "", ADMIN, 29484611L).status()).isEqualTo(404);
  }

  @Test
  void malformedAuthorizationHeaderIsUnauthenticated() throws Exception {
    HttpRequest basic = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + BASE))
        .header("Authorization", "Basic YWRtaW46YWRtaW4=").build();
    HttpResponse<String> response = HttpClient.newHttpClient().send(basic, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).doesNotContain("YWRtaW46YWRtaW4=");
  }

  @Test
  void unknownInstancesAnswer404() {
    assertThat(api.get(INSTANCE, "", READ, 404404L).status()).isEqualTo(404);
    assertThat(api.delete(INSTANCE, WRITE, 404404L).status()).isEqualTo(404);
    Response heartbeat = api.post(HEARTBEAT, WRITE, null, 404404L);
    assertThat(heartbeat.status()).isEqualTo(404);
    assertThat(heartbeat.json().get("type").asString()).isEqualTo("https://vastmesh.dev/problems/instance-not-found");
    assertThat(heartbeat.json().get("instance_id").asLong()).isEqualTo(404404L);
  }

  @Test
  void expiredInstanceDisappearsAtItsTtlAndTheSweepEmitsItsEvents() {
    String token = api.post(REGISTER, REGISTRAR, FULL_REGISTRATION.replace("\"cost_per_hour\": 0.34", "\"cost_per_hour\": 0.34, \"ttl_seconds\": 60"))
        .json().get("instance_token").asString();

    clock.advance(Duration.ofSeconds(60).minusMillis(1));
    assertThat(api.get(INSTANCE, "", READ, 29484611L).status()).isEqualTo(200);
    clock.advance(Duration.ofMillis(1));
    assertThat(api.get(INSTANCE, "", READ, 29484611L).status()).isEqualTo(404);
    assertThat(api.get(BASE, "", READ).json().get("count").asInt()).isZero();
    assertThat(api.post(HEARTBEAT, token, null, 29484611L).status()).isEqualTo(404);

    listener.clear();
    assertThat(sweeper.sweep()).isEqualTo(1);

    assertThat(listener.types()).containsExactly(EventType.MESH_UNREGISTERED, EventType.HEALTH_UNHEALTHY);
    assertThat(listener.events().getFirst().dataAs(MeshUnregistered.class).reason()).isEqualTo(UnregisterReason.EXPIRED);
    assertThat(listener.events().getFirst().subject()).isEqualTo("29484611");
    // Swept, the instance holds no token: its own answers as any other would (register again).
    assertThat(api.post(HEARTBEAT, token, null, 29484611L).status()).isEqualTo(401);
  }

  @Test
  void lifecycleEmitsTheDesignsEvents() {
    String token = api.post(REGISTER, REGISTRAR, FULL_REGISTRATION).json().get("instance_token").asString();
    api.post(HEARTBEAT, token, "{\"status\":\"degraded\",\"note\":\"queue time above 10s\",\"cur_load\":900}", 29484611L);
    api.post(HEARTBEAT, token, "{\"status\":\"ready\"}", 29484611L);
    api.delete(INSTANCE, token, 29484611L);

    assertThat(listener.types()).containsExactly(EventType.MESH_REGISTERED, EventType.HEALTH_DEGRADED,
        EventType.HEALTH_CHECK, EventType.MESH_UNREGISTERED);
    EventEnvelope registered = listener.events().get(0);
    assertThat(registered.environment()).isEqualTo("prod");
    assertThat(registered.triggerId()).isEqualTo("gitlab-pipeline-123");
    assertThat(registered.source()).isEqualTo("/vastmesh/registry-service");
    assertThat(registered.dataAs(MeshRegistered.class).capabilities()).containsExactly("inference", "embeddings");
    assertThat(listener.events().get(1).dataAs(HealthDegraded.class).reason()).isEqualTo("queue time above 10s");
    assertThat(listener.events().get(3).dataAs(MeshUnregistered.class).reason()).isEqualTo(UnregisterReason.DEREGISTERED);
  }

  @Test
  void invalidHeartbeatBodyIsRejected() {
    String token = api.post(REGISTER, REGISTRAR, FULL_REGISTRATION).json().get("instance_token").asString();

    Response bad = api.post(HEARTBEAT, token, "{\"status\":\"asleep\",\"cur_load\":-1}", 29484611L);

    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("errors")).hasSize(2);
  }

  @Test
  void watchReturnsWhenTheRegistryChangesOrTheWaitRunsOut() throws Exception {
    long index = Long.parseLong(api.get(BASE, "", READ).header("X-Vastmesh-Index"));

    Response timedOut = api.get(BASE, "index=" + index + "&wait=300ms", READ);
    assertThat(Long.parseLong(timedOut.header("X-Vastmesh-Index"))).isEqualTo(index);

    CompletableFuture<Response> watch = CompletableFuture.supplyAsync(() -> api.get(BASE, "index=" + index + "&wait=10s", READ));
    await().until(() -> store.watchers() == 1);
    assertThat(watch).isNotDone();
    api.post(REGISTER, REGISTRAR, FULL_REGISTRATION);

    Response woken = watch.get(10, TimeUnit.SECONDS);
    assertThat(Long.parseLong(woken.header("X-Vastmesh-Index"))).isGreaterThan(index);
    assertThat(woken.json().get("count").asInt()).isEqualTo(1);

    Response reset = api.get(BASE, "index=" + (index + 1000) + "&wait=10s", READ);
    assertThat(reset.status()).isEqualTo(200);

    assertThat(api.get(BASE, "wait=5s", READ).status()).isEqualTo(400);
    assertThat(api.get(BASE, "index=1&wait=soon", READ).status()).isEqualTo(400);
  }

  @Test
  void pagesWalkTheWholeRegistryInIdOrder() {
    for (int id = 25; id >= 1; id--) {
      api.post(REGISTER, REGISTRAR, "{\"instance_id\": " + id + "}");
    }
    List<Long> seen = new ArrayList<>();
    String cursor = null;
    do {
      Response page = api.get(BASE, "limit=10" + (cursor == null ? "" : "&cursor=" + cursor), READ);
      page.json().get("instances").forEach(i -> seen.add(i.get("instance_id").asLong()));
      cursor = page.json().has("next_cursor") ? page.json().get("next_cursor").asString() : null;
    } while (cursor != null);

    assertThat(seen).hasSize(25).isSorted().doesNotHaveDuplicates();
    assertThat(api.get(BASE, "cursor=garbage", READ).status()).isEqualTo(400);
    Response limit = api.get(BASE, "limit=0", READ);
    assertThat(limit.status()).isEqualTo(400);
    assertThat(limit.json().get("errors").get(0).get("parameter").asString()).as("a query parameter, by name").isEqualTo("limit");
    assertThat(limit.json().get("errors").get(0).has("pointer")).isFalse();
    assertThat(api.get(BASE, "limit=5000", READ).status()).isEqualTo(400);
    assertThat(api.get(BASE, "status=sleeping", READ).status()).isEqualTo(400);
  }

  @Test
  void filtersCombineAsAllOf() {
    api.post(REGISTER, REGISTRAR, "{\"instance_id\":1,\"environment\":\"prod\",\"capabilities\":[\"inference\",\"embeddings\"],\"gpu_type\":\"RTX_4090\",\"labels\":{\"team\":\"search\"}}");
    api.post(REGISTER, REGISTRAR, "{\"instance_id\":2,\"environment\":\"prod\",\"capabilities\":[\"inference\"],\"gpu_type\":\"A100\",\"labels\":{\"team\":\"ads\"}}");
    api.post(REGISTER, REGISTRAR, "{\"instance_id\":3,\"environment\":\"staging\",\"capabilities\":[\"embeddings\"],\"trigger_id\":\"gitlab-pipeline-9\"}");

    assertThat(ids(api.get(BASE, "capabilities=inference&capabilities=embeddings", READ))).containsExactly(1L);
    assertThat(ids(api.get(BASE, "capabilities=inference,embeddings", READ))).containsExactly(1L);
    assertThat(ids(api.get(BASE, "environment=prod&gpu_type=A100", READ))).containsExactly(2L);
    assertThat(ids(api.get(BASE, "label=team", READ))).containsExactly(1L, 2L);
    assertThat(ids(api.get(BASE, "label=team=search", READ))).containsExactly(1L);
    assertThat(ids(api.get(BASE, "trigger_id=gitlab-pipeline-9", READ))).containsExactly(3L);
    assertThat(api.get(BASE, "label=bad%20key", READ).status()).isEqualTo(400);
  }

  @Test
  void prometheusDiscoveryAnswersInPrometheusFormat() {
    Response empty = api.get(SD, "", READ);
    assertThat(empty.status()).isEqualTo(200);
    assertThat(empty.header("Content-Type")).startsWith("application/json");
    assertThat(empty.body()).isEqualTo("[]");

    api.post(REGISTER, REGISTRAR, FULL_REGISTRATION);
    api.post(REGISTER, REGISTRAR, "{\"instance_id\":5,\"worker_url\":\"https://203.0.113.4:41234\",\"environment\":\"prod\",\"labels\":{\"team\":\"search\"},\"ttl_seconds\":10}");
    api.post(REGISTER, REGISTRAR, "{\"instance_id\":6}");

    JsonNode groups = api.get(SD, "", READ).json();
    assertThat(groups.isArray()).isTrue();
    assertThat(groups).hasSize(2);
    assertThat(groups.get(0).get("targets").get(0).asString()).isEqualTo("203.0.113.4:41234");
    assertThat(groups.get(0).get("labels").get("__scheme__").asString()).isEqualTo("https");
    assertThat(groups.get(0).get("labels").get("__meta_vastmesh_label_team").asString()).isEqualTo("search");
    JsonNode design = groups.get(1);
    assertThat(design.get("targets").get(0).asString()).isEqualTo("100.113.211.78:3000");
    assertThat(design.get("labels").get("__meta_vastmesh_instance_id").asString()).isEqualTo("29484611");
    assertThat(design.get("labels").get("__meta_vastmesh_environment").asString()).isEqualTo("prod");
    assertThat(design.get("labels").get("__meta_vastmesh_gpu_type").asString()).isEqualTo("RTX_4090");
    assertThat(design.get("labels").get("__meta_vastmesh_status").asString()).isEqualTo("ready");
    design.get("labels").properties().forEach(label -> assertThat(label.getValue().isString()).isTrue());

    clock.advance(Duration.ofSeconds(10));
    assertThat(api.get(SD, "", READ).json()).hasSize(1);
  }

  @Test
  void metricsDescribeTheFleet() {
    api.post(REGISTER, REGISTRAR, FULL_REGISTRATION);
    api.post(REGISTER, REGISTRAR, "{\"instance_id\":8,\"environment\":\"prod\",\"gpu_type\":\"A100\",\"cost_per_hour\":0.66,\"ttl_seconds\":10}");
    sweeper.sweep();
    String before = api.get("/actuator/prometheus", "", null).body();
    clock.advance(Duration.ofSeconds(10));
    api.post(HEARTBEAT, WRITE, null, 29484611L);
    sweeper.sweep();

    String metrics = api.get("/actuator/prometheus", "", null).body();

    assertThat(before).contains("vastmesh_registry_instances{environment=\"prod\",gpu_type=\"A100\",status=\"ready\"} 1.0");
    assertThat(before).contains("vastmesh_registry_total_hourly_cost{environment=\"prod\"} 1.0");
    assertThat(metrics).contains("vastmesh_registry_instances{environment=\"prod\",gpu_type=\"RTX_4090\",status=\"ready\"} 1.0");
    assertThat(metrics).doesNotContain("gpu_type=\"A100\",status=\"ready\"}");
    assertThat(metrics).contains("vastmesh_registry_total_hourly_cost{environment=\"prod\"} 0.34");
    // 10 s of 0.34 + 0.66 $/h accrued before instance 8 expired.
    assertThat(metrics).containsPattern("vastmesh_registry_cost_dollars_total\\{environment=\"prod\"} 0\\.0027");
    assertThat(metrics).containsPattern("vastmesh_registry_expirations_total [1-9]");
    assertThat(metrics).contains("vastmesh_registry_self_preservation 0.0");
    assertThat(metrics).contains("vastmesh_registry_heartbeat_age_max_seconds{environment=\"prod\"} 0.0");
    assertThat(metrics).containsPattern("vastmesh_registry_heartbeats_total\\{outcome=\"renewed\"} [1-9]");
    assertThat(metrics).doesNotContain(WRITE).doesNotContain("vmi_");
  }

  @Test
  void healthDetailsAreForTokenHoldersProbesSeeTheStatus() {
    for (String anonymous : new String[] {null, "not-a-token"}) {
      ServiceClient.Response probe = api.get("/actuator/health", "", anonymous);
      assertThat(probe.status()).isEqualTo(200);
      assertThat(probe.json().get("status").asString()).isEqualTo("UP");
      assertThat(probe.json().has("components")).as("no details, no disk path, for %s", anonymous).isFalse();
      assertThat(probe.body()).doesNotContain("diskSpace").doesNotContain("path");
    }
    String instanceToken = api.post(REGISTER, REGISTRAR, FULL_REGISTRATION).json().get("instance_token").asString();
    assertThat(api.get("/actuator/health", "", instanceToken).json().has("components")).as("a worker's token").isFalse();
    JsonNode details = api.get("/actuator/health", "", READ).json();
    assertThat(details.at("/components/registry/status").asString()).isEqualTo("UP");
    assertThat(details.at("/components/diskSpace/details").isObject()).isTrue();
    assertThat(api.get("/actuator/health/readiness", "", null).json().get("status").asString()).isEqualTo("UP");
  }

  @Test
  void selfPreservationHoldsEvictionsWhenMostOfTheFleetGoesSilentAtOnce() {
    for (int id = 1; id <= 12; id++) {
      api.post(REGISTER, REGISTRAR, "{\"instance_id\":" + id + ",\"ttl_seconds\":60}");
    }
    clock.advance(Duration.ofSeconds(61));

    assertThat(sweeper.sweep()).isZero();
    assertThat(api.get(BASE, "", READ).json().get("count").asInt()).isEqualTo(12);
    JsonNode health = new RegistryClient(port).get("/actuator/health", "", ADMIN).json();
    assertThat(health.at("/components/registry/details/selfPreservation").asBoolean()).isTrue();
    assertThat(api.get("/actuator/prometheus", "", null).body()).contains("vastmesh_registry_self_preservation 1.0");

    for (int id = 1; id <= 10; id++) {
      assertThat(api.post(HEARTBEAT, WRITE, null, id).status()).isEqualTo(200);
    }
    assertThat(sweeper.sweep()).as("held for one window after heartbeats return").isZero();
    clock.advance(Duration.ofSeconds(40));
    for (int id = 1; id <= 10; id++) {
      assertThat(api.post(HEARTBEAT, WRITE, null, id).status()).isEqualTo(200);
    }
    clock.advance(Duration.ofSeconds(21));
    assertThat(sweeper.sweep()).isEqualTo(2);
    assertThat(api.get(BASE, "", READ).json().get("count").asInt()).isEqualTo(10);
    assertThat(new RegistryClient(port).get("/actuator/health", "", null).json()
        .at("/components/registry/details/selfPreservation").asBoolean()).isFalse();
  }

  @Test
  void probesAreUp() {
    assertThat(api.get("/actuator/health/liveness", "", null).status()).isEqualTo(200);
    assertThat(api.get("/actuator/health/readiness", "", null).status()).isEqualTo(200);
  }

  private static List<Long> ids(Response response) {
    List<Long> ids = new ArrayList<>();
    response.json().get("instances").forEach(i -> ids.add(i.get("instance_id").asLong()));
    return ids;
  }

}
