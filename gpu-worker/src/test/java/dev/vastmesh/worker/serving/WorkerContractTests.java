package dev.vastmesh.worker.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.testsupport.OpenApiContract;
import dev.vastmesh.worker.support.AutoscalerDouble;
import dev.vastmesh.worker.support.LocalUpstream;
import dev.vastmesh.worker.support.WorkerCalls;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every answer of the worker, and every report it sends the autoscaler, against
 * {@code openapi/gpu-worker.openapi.yml}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "vastmesh.worker.token=worker-token",
    "vastmesh.worker.vast.max-perf=1",
    "vastmesh.worker.vast.container-id=777", "vastmesh.worker.vast.master-token=mtoken-c",
    "vastmesh.worker.vast.public-url=" + WorkerContractTests.WORKER_URL,
    "vastmesh.worker.handlers[0].route=/v1/embeddings", "vastmesh.worker.handlers[0].allow-parallel-requests=true",
    "vastmesh.worker.handlers[0].workload=array-length:/input", "vastmesh.worker.handlers[0].max-request-size=4KB",
    "vastmesh.worker.handlers[1].route=/slow", "vastmesh.worker.handlers[1].workload=constant:1",
    "vastmesh.worker.handlers[1].allow-parallel-requests=true", "vastmesh.worker.handlers[1].max-queue-time=500ms",
    "vastmesh.worker.sessions.max-sessions=1"})
class WorkerContractTests {

  static final LocalUpstream UPSTREAM = new LocalUpstream();
  static final AutoscalerDouble AUTOSCALER = new AutoscalerDouble();
  static final String WORKER_URL = "https://203.0.113.4:41234";
  static final AtomicLong REQNUM = new AtomicLong(9000);
  static final OpenApiContract CONTRACT = OpenApiContract.of("gpu-worker.openapi.yml");
  static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void doubles(DynamicPropertyRegistry registry) {
    registry.add("vastmesh.worker.model-server", UPSTREAM::url);
    registry.add("vastmesh.worker.vast.report-addr", AUTOSCALER::url);
  }

  @LocalServerPort
  int port;

  HttpResponse<String> call(String template, String path, String body, String... headers) throws Exception {
    HttpResponse<String> response = new WorkerCalls(HttpClient.newHttpClient(), port).post(path, body, headers);
    CONTRACT.check("POST", template, response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), response.body());
    return response;
  }

  String signed(String payload) {
    return AUTOSCALER.request(WORKER_URL, REQNUM.incrementAndGet(), payload);
  }

  @Test
  void everyServingAnswerIsDocumented() throws Exception {
    assertThat(call("/{route}", "/v1/embeddings", signed("{\"input\":[\"a\"]}")).statusCode()).isEqualTo(200);
    assertThat(call("/{route}", "/v1/embeddings", "{\"input\":[\"a\"]}", "Authorization", "Bearer worker-token").statusCode())
        .isEqualTo(200);
    assertThat(call("/{route}", "/v1/embeddings", "{\"input\":[\"a\"]}").statusCode()).isEqualTo(401);
    assertThat(call("/{route}", "/nowhere", signed("{}")).statusCode()).isEqualTo(404);
    assertThat(call("/{route}", "/v1/embeddings", "{nope").statusCode()).isEqualTo(422);
    assertThat(call("/{route}", "/v1/embeddings", "{\"input\":[\"" + "x".repeat(5000) + "\"]}", "Authorization", "Bearer worker-token")
        .statusCode()).isEqualTo(413);
    assertThat(call("/{route}", "/v1/embeddings", "{\"auth_data\":{},\"payload\":{}}").statusCode()).isEqualTo(422);
    assertThat(call("/{route}", "/v1/embeddings", signed("{}").replace("\"session_id\":null", "\"session_id\":\"gone\""))
        .statusCode()).isEqualTo(410);
    UPSTREAM.hold("/slow");
    int before = UPSTREAM.calls("/slow");
    var first = java.util.concurrent.CompletableFuture.runAsync(() -> {
      try {
        call("/{route}", "/slow", signed("{}"));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    try {
      await().until(() -> UPSTREAM.calls("/slow") > before);
      assertThat(call("/{route}", "/slow", signed("{}")).statusCode()).isEqualTo(429);
    } finally {
      UPSTREAM.release("/slow");
    }
    first.get();
  }

  @Test
  void everySessionAnswerIsDocumented() throws Exception {
    HttpResponse<String> created = call("/session/create", "/session/create", signed("{\"lifetime\":30}"));
    assertThat(created.statusCode()).isEqualTo(201);
    String id = JSON.readTree(created.body()).get("session_id").asString();
    assertThat(call("/session/create", "/session/create", "{\"lifetime\":30}", "Authorization", "Bearer worker-token").statusCode())
        .as("past the limit of one").isEqualTo(429);
    assertThat(call("/session/create", "/session/create", "{\"lifetime\":30}").statusCode()).isEqualTo(401);
    assertThat(call("/session/create", "/session/create", "{\"lifetime\":0}", "Authorization", "Bearer worker-token").statusCode())
        .isEqualTo(422);
    String ref = "{\"session_id\":\"" + id + "\"}";
    assertThat(call("/session/get", "/session/get", ref).statusCode()).isEqualTo(200);
    assertThat(call("/session/health", "/session/health", ref).statusCode()).isEqualTo(200);
    assertThat(call("/session/get", "/session/get", "{}").statusCode()).isEqualTo(422);
    assertThat(call("/session/end", "/session/end", ref).statusCode()).isEqualTo(200);
    assertThat(call("/session/end", "/session/end", ref).statusCode()).isEqualTo(410);
    assertThat(call("/session/health", "/session/health", ref).statusCode()).isEqualTo(410);
    assertThat(call("/session/get", "/session/get", ref).statusCode()).isEqualTo(410);
  }

  @Test
  void theReportsToTheAutoscalerAreTheDocumentedShapes() throws Exception {
    call("/{route}", "/v1/embeddings", signed("{\"input\":[\"a\",\"b\"]}"));
    await().atMost(Duration.ofSeconds(8)).until(() -> !AUTOSCALER.statusReports.isEmpty() && !AUTOSCALER.deleteReports.isEmpty());
    var status = JSON.readTree("{\"$ref\":\"#/components/schemas/WorkerStatus\"}");
    var delete = JSON.readTree("{\"$ref\":\"#/components/schemas/DeleteRequests\"}");
    assertThat(AUTOSCALER.statusReports).isNotEmpty().allSatisfy(report -> assertThat(CONTRACT.validate(status, report)).isEmpty());
    assertThat(AUTOSCALER.deleteReports).isNotEmpty().allSatisfy(report -> assertThat(CONTRACT.validate(delete, report)).isEmpty());
  }
}
