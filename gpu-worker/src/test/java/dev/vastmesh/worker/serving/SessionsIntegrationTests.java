package dev.vastmesh.worker.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.testsupport.FreePort;
import dev.vastmesh.worker.support.AutoscalerDouble;
import dev.vastmesh.worker.support.LocalUpstream;
import dev.vastmesh.worker.support.WorkerCalls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Vast's sessions: create, use (which extends), get, health, end, expiry sweep, close callback, limit. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "vastmesh.worker.token=worker-token",
    "vastmesh.worker.vast.public-url=" + SessionsIntegrationTests.WORKER_URL,
    "vastmesh.worker.handlers[0].route=/v1/embeddings", "vastmesh.worker.handlers[0].allow-parallel-requests=true",
    "vastmesh.worker.sessions.max-sessions=2", "vastmesh.worker.sessions.sweep-interval=50ms"})
class SessionsIntegrationTests {

  static final LocalUpstream UPSTREAM = new LocalUpstream();
  static final AutoscalerDouble AUTOSCALER = new AutoscalerDouble();
  static final String WORKER_URL = "https://203.0.113.4:41234";
  static final int END_PORT = FreePort.next();
  static final AtomicLong REQNUM = new AtomicLong(5000);
  static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void doubles(DynamicPropertyRegistry registry) {
    registry.add("vastmesh.worker.model-server", UPSTREAM::url);
    registry.add("vastmesh.worker.vast.report-addr", AUTOSCALER::url);
    registry.add("vastmesh.worker.sessions.end-port", () -> END_PORT);
  }

  @LocalServerPort
  int port;
  @Autowired
  Sessions sessions;
  final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void endAll() throws Exception {
    for (String id : sessions.ids()) {
      post("/session/end", "{\"session_id\":\"" + id + "\"}");
    }
  }

  HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    return new WorkerCalls(http, port).post(path, body, headers);
  }

  String create(String payload) throws Exception {
    HttpResponse<String> created = post("/session/create", AUTOSCALER.request(WORKER_URL, REQNUM.incrementAndGet(), payload));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return JSON.readTree(created.body()).get("session_id").asString();
  }

  @Test
  void aSessionIsUsedExtendedInspectedAndEndedWithItsCloseCallback() throws Exception {
    String id = create("{\"lifetime\":2,\"on_close_route\":\"/on-close\",\"on_close_payload\":{\"bye\":\"s1\"}}");
    double expiration = JSON.readTree(post("/session/get", "{\"session_id\":\"" + id + "\"}").body()).get("expiration").asDouble();

    // Let the clock move on 0.3 s past the creation (at expiration minus the 2 s lifetime).
    await().until(() -> System.currentTimeMillis() / 1000.0 > expiration - 2 + 0.3);
    String inSession = AUTOSCALER.request(WORKER_URL, REQNUM.incrementAndGet(), "{\"input\":[\"a\"]}")
        .replace("\"session_id\":null", "\"session_id\":\"" + id + "\"");
    assertThat(post("/v1/embeddings", inSession).statusCode()).isEqualTo(200);

    JsonNode after = JSON.readTree(post("/session/get", "{\"session_id\":\"" + id + "\"}").body());
    assertThat(after.get("expiration").asDouble()).as("the request extended the session").isGreaterThan(expiration + 0.2);
    assertThat(after.get("on_close_route").asString()).isEqualTo("/on-close");
    HttpResponse<String> health = post("/session/health", "{\"session_id\":\"" + id + "\"}");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"ok\":true");

    assertThat(post("/session/end", "{\"session_id\":\"" + id + "\"}").statusCode()).isEqualTo(200);

    awaitCloseCallback("{\"bye\":\"s1\"}");
    assertThat(post("/session/get", "{\"session_id\":\"" + id + "\"}").statusCode()).isEqualTo(410);
    assertThat(post("/session/end", "{\"session_id\":\"" + id + "\"}").statusCode()).isEqualTo(410);
    assertThat(post("/v1/embeddings", AUTOSCALER.request(WORKER_URL, REQNUM.incrementAndGet(), "{}")
        .replace("\"session_id\":null", "\"session_id\":\"" + id + "\"")).statusCode()).isEqualTo(410);
  }

  @Test
  void anExpiredSessionIsSweptAndClosed() throws Exception {
    String id = create("{\"lifetime\":0.2,\"on_close_route\":\"/on-close\",\"on_close_payload\":{\"bye\":\"expired\"}}");

    awaitCloseCallback("{\"bye\":\"expired\"}");
    assertThat(post("/session/health", "{\"session_id\":\"" + id + "\"}").statusCode()).isEqualTo(410);
    assertThat(sessions.ids()).doesNotContain(id);
  }

  @Test
  void pastTheLimitANewSessionIs429() throws Exception {
    create("{\"lifetime\":30}");
    create("{\"lifetime\":30}");

    HttpResponse<String> third = post("/session/create", AUTOSCALER.request(WORKER_URL, REQNUM.incrementAndGet(), "{\"lifetime\":30}"));
    assertThat(third.statusCode()).isEqualTo(429);
    assertProblem(third, "session-limit");
    assertThat(JSON.readTree(third.body()).get("error").asString()).isEqualTo("session limit reached");
  }

  @Test
  void creatingNeedsACallerAndAValidRequest() throws Exception {
    HttpResponse<String> anonymous = post("/session/create", "{\"lifetime\":30}");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertProblem(anonymous, "unauthenticated");
    assertThat(JSON.readTree(anonymous.body()).get("error").asString()).as("Vast's message beside the problem's").isNotBlank();
    assertThat(post("/session/create", "{\"lifetime\":30}", "Authorization", "Bearer worker-token").statusCode()).isEqualTo(201);
    HttpResponse<String> notJson = post("/session/create", "{nope", "Authorization", "Bearer worker-token");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertProblem(notJson, "malformed-request");
    HttpResponse<String> both = post("/session/create", "{\"lifetime\":-1,\"on_close_route\":\"http://169.254.169.254/\"}",
        "Authorization", "Bearer worker-token");
    assertThat(both.statusCode()).as("the close route is a model-server path, never a URL").isEqualTo(400);
    assertProblem(both, "invalid-request");
    assertThat(pointers(both)).containsExactly("/lifetime", "/on_close_route");
    HttpResponse<String> signedBadly = post("/session/create", AUTOSCALER.request(WORKER_URL, REQNUM.incrementAndGet(), "{\"lifetime\":0}"));
    assertThat(pointers(signedBadly)).as("a signed request's settings are its payload").containsExactly("/payload/lifetime");
    HttpResponse<String> unsigned = post("/session/create", "{\"auth_data\":{\"cost\":1},\"payload\":{}}");
    assertThat(unsigned.statusCode()).isEqualTo(400);
    assertThat(pointers(unsigned)).containsExactly("/auth_data/endpoint", "/auth_data/reqnum", "/auth_data/request_idx",
        "/auth_data/signature", "/auth_data/url");
    HttpResponse<String> noId = post("/session/get", "{}");
    assertThat(noId.statusCode()).isEqualTo(400);
    assertThat(pointers(noId)).containsExactly("/session_id");
  }

  @Test
  void anUnknownSessionIsAProblemWithVastsErrorBesideIt() throws Exception {
    HttpResponse<String> gone = post("/session/get", "{\"session_id\":\"never-opened\"}");
    assertThat(gone.statusCode()).isEqualTo(410);
    assertProblem(gone, "invalid-session");
    assertThat(JSON.readTree(gone.body()).get("error").asString()).isEqualTo("invalid session");
  }

  private static void assertProblem(HttpResponse<String> response, String kind) {
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(JSON.readTree(response.body()).get("type").asString()).isEqualTo("https://vastmesh.dev/problems/" + kind);
  }

  private static java.util.List<String> pointers(HttpResponse<String> response) {
    java.util.List<String> pointers = new java.util.ArrayList<>();
    JSON.readTree(response.body()).get("errors").forEach(error -> pointers.add(error.get("pointer").asString()));
    return pointers;
  }

  private static void awaitCloseCallback(String body) {
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(UPSTREAM.bodies).contains(body));
  }

  @Test
  void theSecondListenerEndsSessionsAndServesNothingElse() throws Exception {
    String id = create("{\"lifetime\":30}");
    WorkerCalls plain = new WorkerCalls(http, END_PORT);

    HttpResponse<String> other = plain.post("/v1/embeddings", "{\"input\":[\"a\"]}", "Authorization", "Bearer worker-token");
    assertThat(other.statusCode()).isEqualTo(404);
    assertProblem(other, "not-found");
    assertThat(plain.post("/session/get", "{\"session_id\":\"" + id + "\"}").statusCode()).isEqualTo(404);
    assertThat(plain.post("/session/end", "{\"session_id\":\"" + id + "\"}").statusCode()).isEqualTo(200);
    assertThat(post("/session/get", "{\"session_id\":\"" + id + "\"}").statusCode()).isEqualTo(410);
  }
}
