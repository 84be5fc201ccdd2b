package dev.vastmesh.worker.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.worker.support.AutoscalerDouble;
import dev.vastmesh.worker.support.LocalUpstream;
import dev.vastmesh.worker.support.WorkerCalls;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The worker's serving path against a real local upstream and an autoscaler double that signs requests. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "vastmesh.worker.token=worker-token",
    "vastmesh.worker.vast.max-perf=1",
    "vastmesh.worker.vast.container-id=12345678", "vastmesh.worker.vast.master-token=mtoken-1",
    "vastmesh.worker.vast.report-retry-delay=20ms",
    "vastmesh.worker.vast.public-url=" + WorkerServingIntegrationTests.WORKER_URL,
    "vastmesh.worker.handlers[0].route=/v1/embeddings", "vastmesh.worker.handlers[0].workload=array-length:/input",
    "vastmesh.worker.handlers[0].allow-parallel-requests=true", "vastmesh.worker.handlers[0].max-request-size=64KB",
    "vastmesh.worker.handlers[1].route=/slow", "vastmesh.worker.handlers[1].workload=constant:1",
    "vastmesh.worker.handlers[1].allow-parallel-requests=true", "vastmesh.worker.handlers[1].max-queue-time=500ms",
    "vastmesh.worker.handlers[2].route=/stream", "vastmesh.worker.handlers[2].workload=constant:0",
    "vastmesh.worker.handlers[2].allow-parallel-requests=true",
    "vastmesh.worker.handlers[3].route=/fail", "vastmesh.worker.handlers[3].workload=constant:0",
    "vastmesh.worker.handlers[4].route=/fifo", "vastmesh.worker.handlers[4].workload=constant:0",
    "vastmesh.worker.handlers[5].route=/endless", "vastmesh.worker.handlers[5].workload=constant:7",
    "vastmesh.worker.handlers[5].allow-parallel-requests=true",
    "vastmesh.worker.handlers[6].route=/broken", "vastmesh.worker.handlers[6].allow-parallel-requests=true"})
class WorkerServingIntegrationTests {

  static final LocalUpstream UPSTREAM = new LocalUpstream();
  static final AutoscalerDouble AUTOSCALER = new AutoscalerDouble();
  static final String WORKER_URL = "https://203.0.113.4:41234";
  static final AtomicLong REQNUM = new AtomicLong(1000);
  static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

  @DynamicPropertySource
  static void doubles(DynamicPropertyRegistry registry) {
    registry.add("vastmesh.worker.model-server", UPSTREAM::url);
    // A dead address first: reports (and the key fetch) go to the next one in order.
    registry.add("vastmesh.worker.vast.report-addr", () -> "http://127.0.0.1:9," + AUTOSCALER.url());
  }

  @LocalServerPort
  int port;
  @Autowired
  Admission admission;
  final HttpClient http = HttpClient.newHttpClient();

  HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    return new WorkerCalls(http, port).post(path, body, headers);
  }

  String signed(String payload) {
    return AUTOSCALER.request(WORKER_URL, REQNUM.incrementAndGet(), payload);
  }

  @Test
  void aSignedVastRequestForwardsItsPayloadToTheModelServer() throws Exception {
    HttpResponse<String> response = post("/v1/embeddings", signed("{\"input\":[\"a\",\"b\"],\"model\":\"m\"}"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"echo\":{\"input\":[\"a\",\"b\"],\"model\":\"m\"}");
    assertThat(UPSTREAM.bodies).contains("{\"input\":[\"a\",\"b\"],\"model\":\"m\"}");
  }

  @Test
  void theAutoscalerHearsAboutRequestsAndTheirEnd() throws Exception {
    String request = signed("{\"input\":[\"a\",\"b\",\"c\"]}").replace("10203040", "555001");
    assertThat(post("/v1/embeddings", request).statusCode()).isEqualTo(200);

    // Other tests share this worker, so a report may count their requests too: at least ours.
    java.util.function.Predicate<String> ours = report -> {
      var json = tools.jackson.databind.json.JsonMapper.builder().build().readTree(report);
      return json.get("cur_perf").asDouble() >= 3.0 && json.get("num_requests_recieved").asLong() >= 1;
    };
    await().atMost(Duration.ofSeconds(8)).until(() -> AUTOSCALER.deleteReports.stream().anyMatch(r -> r.contains("555001"))
        && AUTOSCALER.statusReports.stream().anyMatch(ours));
    assertThat(AUTOSCALER.statusReports).filteredOn(ours).isNotEmpty().allSatisfy(report -> assertThat(report)
        .contains("\"id\":12345678").contains("\"mtoken\":\"mtoken-1\"").contains("\"url\":\"" + WORKER_URL + "\"")
        .contains("\"max_perf\":1.0").contains("\"loadtime\":"));
    assertThat(AUTOSCALER.deleteReports).anySatisfy(report -> assertThat(report)
        .contains("\"worker_id\":12345678").contains("\"request_idx\":555001,\"success\":true,\"status\":\"Success\""));
  }

  @Test
  void plainPassThroughNeedsTheWorkersToken() throws Exception {
    assertThat(post("/v1/embeddings", "{\"input\":[\"x\"]}", "Authorization", "Bearer worker-token").statusCode()).isEqualTo(200);
    assertThat(post("/v1/embeddings", "{\"input\":[\"x\"]}").statusCode()).isEqualTo(401);
    assertThat(post("/v1/embeddings", "{\"input\":[\"x\"]}", "Authorization", "Bearer ").statusCode()).isEqualTo(401);
  }

  @Test
  void malformedRequestsGetTheProtocols422s() throws Exception {
    HttpResponse<String> notJson = post("/v1/embeddings", "{not json");
    assertThat(notJson.statusCode()).isEqualTo(422);
    assertThat(notJson.body()).isEqualTo("{\"error\":\"invalid JSON\"}");
    assertThat(post("/v1/embeddings", "{\"payload\":{}}").body()).isEqualTo("{\"auth_data\":\"field missing\"}");
    HttpResponse<String> noSignature = post("/v1/embeddings", "{\"auth_data\":{\"cost\":1,\"endpoint\":\"e\",\"reqnum\":1,"
        + "\"request_idx\":1,\"url\":\"u\"},\"payload\":{}}");
    assertThat(noSignature.statusCode()).isEqualTo(422);
    assertThat(noSignature.body()).isEqualTo("{\"auth_data\":{\"signature\":\"missing parameter\"}}");
  }

  @Test
  void aBadSignatureOrAReplayIs401() throws Exception {
    String forOtherWorker = AUTOSCALER.request("https://198.51.100.9:1", REQNUM.incrementAndGet(), "{\"input\":[]}");
    assertThat(post("/v1/embeddings", forOtherWorker).statusCode()).isEqualTo(401);
    String tampered = signed("{\"input\":[]}").replaceFirst("\"signature\":\"(.)", "\"signature\":\"A$1");
    assertThat(post("/v1/embeddings", tampered).statusCode()).isEqualTo(401);

    String request = signed("{\"input\":[\"a\"]}");
    assertThat(post("/v1/embeddings", request).statusCode()).isEqualTo(200);
    assertThat(post("/v1/embeddings", request).statusCode()).as("the same reqnum again").isEqualTo(401);
  }

  @Test
  void aBodyOverTheHandlersCapIs413AndNeverReachesTheModelServer() throws Exception {
    String atCap = jsonOfLength(64 * 1024, "at-cap");
    String overCap = jsonOfLength(64 * 1024 + 1, "over-cap");
    HttpResponse<String> accepted = post("/v1/embeddings", atCap, "Authorization", "Bearer worker-token");
    assertThat(accepted.statusCode()).isEqualTo(200);
    // The upstream's answer (an echo, larger than the worker's output buffer) keeps its declared length.
    int echoed = accepted.body().getBytes(StandardCharsets.UTF_8).length;
    assertThat(echoed).isGreaterThan(64 * 1024);
    assertThat(accepted.headers().firstValue("Content-Length")).hasValue(String.valueOf(echoed));
    assertThat(accepted.headers().firstValue("Transfer-Encoding")).isEmpty();

    HttpResponse<String> declared = post("/v1/embeddings", overCap, "Authorization", "Bearer worker-token");
    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(declared.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(declared.body()).contains("\"status\":413").contains("exceeds 65536 bytes");

    // Chunked: no Content-Length, so the cap is enforced on what arrives.
    HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/embeddings"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer worker-token")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(overCap.getBytes(StandardCharsets.UTF_8))))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(chunked.statusCode()).isEqualTo(413);
    HttpResponse<String> chunkedAtCap = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/embeddings"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer worker-token")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(atCap.getBytes(StandardCharsets.UTF_8))))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(chunkedAtCap.statusCode()).isEqualTo(200);

    assertThat(UPSTREAM.bodies).anyMatch(body -> body.contains("at-cap")).noneMatch(body -> body.contains("over-cap"));
  }

  /** A JSON body of exactly {@code length} bytes whose first input is {@code marker}. */
  static String jsonOfLength(int length, String marker) {
    String head = "{\"input\":[\"" + marker + "\",\"";
    String tail = "\"]}";
    return head + "x".repeat(length - head.length() - tail.length()) + tail;
  }

  @Test
  void anUnknownSessionIs410() throws Exception {
    String body = signed("{\"input\":[]}").replace("\"session_id\":null", "\"session_id\":\"s-404\"");
    HttpResponse<String> response = post("/v1/embeddings", body);
    assertThat(response.statusCode()).isEqualTo(410);
    assertThat(response.body()).isEqualTo("{\"error\":\"invalid session\"}");
  }

  @Test
  void whenTheEstimatedWaitExceedsTheMaxQueueTimeTheRequestIsRefused() throws Exception {
    // max_perf 1 workload/s: with one request of workload 1 in flight, the next would wait 1 s > 0.5 s.
    // The model server holds the first until the second has its answer, so it is in flight throughout.
    UPSTREAM.hold("/slow");
    int before = UPSTREAM.calls("/slow");
    CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> {
      try {
        return post("/slow", signed("{}"));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    HttpResponse<String> second;
    try {
      await().until(() -> UPSTREAM.calls("/slow") > before);
      second = post("/slow", signed("{}"));
    } finally {
      UPSTREAM.release("/slow");
    }

    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(first.get().statusCode()).isEqualTo(200);
  }

  @Test
  void theModelServersStatusHeadersAndBodyPassThrough() throws Exception {
    HttpResponse<String> response = post("/fail", signed("{}"));
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).isEqualTo("{\"error\":\"model overloaded\"}");
    assertThat(post("/nowhere", signed("{}")).statusCode()).isEqualTo(404);
  }

  @Test
  void aTargetWhosePathIsARouteIsServedByItAnotherPathIsNot() throws Exception {
    assertThat(post("/v1/embeddings?trace=1", signed("{\"input\":[\"q\"]}")).statusCode()).as("a query").isEqualTo(200);
    assertThat(post("/v1/embeddings/", signed("{\"input\":[\"q\"]}")).statusCode()).as("a trailing slash").isEqualTo(404);
  }

  @Test
  void aModelServerThatBreaksOffMidAnswerLeavesTheClientAShortAnswerNotAWholeOne() throws Exception {
    String body = AUTOSCALER.request(WORKER_URL, REQNUM.incrementAndGet(), "{}").replace("10203040", "888001");
    assertThatThrownBy(() -> post("/broken", body)).as("the declared length was not delivered").isInstanceOf(java.io.IOException.class);

    await().atMost(Duration.ofSeconds(8)).until(() -> AUTOSCALER.deleteReports.stream().anyMatch(r -> r.contains("888001")));
    assertThat(AUTOSCALER.deleteReports).anySatisfy(report -> assertThat(report)
        .contains("\"request_idx\":888001,\"success\":false,\"status\":\"Error\""));
    assertThat(metrics()).contains("vastmesh_worker_requests_total{outcome=\"upstream_failed\",route=\"/broken\"} 1.0");
    assertThat(post("/v1/embeddings", signed("{\"input\":[\"after\"]}")).statusCode()).as("the worker serves on").isEqualTo(200);
  }

  @Test
  void onlyPostsToConfiguredRoutesAreServedTheRestIsCountedAsUnknown() throws Exception {
    HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/embeddings")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    assertThat(get.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(JSON.readTree(get.body()).get("type").asString()).isEqualTo("https://vastmesh.dev/problems/method-not-allowed");
    HttpResponse<String> unknown = post("/v1/unknown", signed("{}"));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(JSON.readTree(unknown.body()).get("type").asString()).isEqualTo("https://vastmesh.dev/problems/not-found");
    // A query string does not make a configured route unknown.
    assertThat(post("/v1/embeddings?trace=1", signed("{\"input\":[\"q\"]}")).statusCode()).isEqualTo(200);
    assertThat(metrics()).contains("vastmesh_worker_requests_total{outcome=\"unknown_route\",route=\"unknown\"}");
  }

  @Test
  void healthShowsTheStatusAloneToEveryCaller() throws Exception {
    // A reactive service without Spring Security has no authorised caller for the actuator: the
    // worker's figures are in its metrics, its health shows no details (disk paths) to anyone.
    for (String authorization : new String[] {null, "Bearer wrong", "Bearer worker-token"}) {
      HttpRequest.Builder probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"));
      if (authorization != null) {
        probe.header("Authorization", authorization);
      }
      var health = JSON.readTree(http.send(probe.build(), HttpResponse.BodyHandlers.ofString()).body());
      assertThat(health.get("status").asString()).isNotBlank();
      assertThat(health.has("components")).as("no details for %s", authorization).isFalse();
    }
  }

  @Test
  void unknownPathsOfAnyMethodAreProblems() throws Exception {
    for (String method : new String[] {"GET", "PUT", "DELETE"}) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/nowhere/<at>/all"
          .replace("<", "%3C").replace(">", "%3E"))).method(method, HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(method).isEqualTo(404);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(404);
      assertThat(response.body()).as("the path is not echoed").doesNotContain("nowhere");
    }
  }

  String metrics() throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  void aStreamReachesTheClientAsItIsProduced() throws Exception {
    long started = System.nanoTime();
    HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/stream"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(signed("{}"))).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    InputStream body = response.body();
    byte[] first = new byte["data: first\n\n".length()];
    int read = body.readNBytes(first, 0, first.length);
    long firstByte = System.nanoTime() - started;
    String rest = new String(body.readAllBytes(), StandardCharsets.UTF_8);
    long total = System.nanoTime() - started;

    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    assertThat(new String(first, 0, read, StandardCharsets.UTF_8)).isEqualTo("data: first\n\n");
    assertThat(rest).isEqualTo("data: second\n\n");
    assertThat(Duration.ofNanos(total)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    assertThat(Duration.ofNanos(firstByte)).as("the first event was not held back until the end").isLessThan(Duration.ofMillis(300));
  }

  @Test
  void nonParallelHandlersShareOneFifo() throws Exception {
    long started = System.nanoTime();
    CompletableFuture<HttpResponse<String>> a = CompletableFuture.supplyAsync(() -> call("/fifo"));
    CompletableFuture<HttpResponse<String>> b = CompletableFuture.supplyAsync(() -> call("/fifo"));
    assertThat(a.get().statusCode()).isEqualTo(200);
    assertThat(b.get().statusCode()).isEqualTo(200);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("one after the other").isGreaterThanOrEqualTo(Duration.ofMillis(390));
  }

  @Test
  void aClientThatLeavesWhileWaitingForItsFifoTurnGivesItUp() throws Exception {
    // The holder keeps the turn (the model server holds its answer) until the leaver has left.
    UPSTREAM.hold("/fifo");
    int before = UPSTREAM.calls("/fifo");
    CompletableFuture<HttpResponse<String>> holder = CompletableFuture.supplyAsync(() -> call("/fifo"));
    int upstreamCalls;
    try {
      await().until(() -> UPSTREAM.calls("/fifo") > before);
      String body = AUTOSCALER.request(WORKER_URL, REQNUM.incrementAndGet(), "{}").replace("10203040", "999001");
      try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
        socket.getOutputStream().write(("POST /fifo HTTP/1.1\r\nHost: w\r\nContent-Type: application/json\r\nContent-Length: "
            + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        await().until(() -> admission.waitingForFifoTurn() == 1);
      }
      await().until(() -> admission.waitingForFifoTurn() == 0);
      upstreamCalls = UPSTREAM.bodies.size();
    } finally {
      UPSTREAM.release("/fifo");
    }
    HttpResponse<String> next = call("/fifo");

    assertThat(holder.get().statusCode()).isEqualTo(200);
    assertThat(next.statusCode()).as("the queue moved on past the one that left").isEqualTo(200);
    assertThat(UPSTREAM.bodies.size() - upstreamCalls).as("only the last request reached the model server after the leaver")
        .isEqualTo(1);
    await().atMost(Duration.ofSeconds(8)).until(() -> AUTOSCALER.deleteReports.stream().anyMatch(r -> r.contains("999001")));
    assertThat(AUTOSCALER.deleteReports).anySatisfy(report -> assertThat(report)
        .contains("\"request_idx\":999001,\"success\":false,\"status\":\"Cancelled\""));
  }

  private HttpResponse<String> call(String path) {
    try {
      return post(path, signed("{}"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aClientThatLeavesIsCancelledUpstreamAndCountedAs499() throws Exception {
    String body = AUTOSCALER.request(WORKER_URL, REQNUM.incrementAndGet(), "{}").replace("10203040", "777001");
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.getOutputStream().write(("POST /endless HTTP/1.1\r\nHost: w\r\nContent-Type: application/json\r\nContent-Length: "
          + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
      byte[] head = new byte[256];
      assertThat(socket.getInputStream().read(head)).as("the stream started").isPositive();
    }

    assertThat(UPSTREAM.endlessAbandoned.await(10, java.util.concurrent.TimeUnit.SECONDS))
        .as("the model server's stream was abandoned, not read to its end").isTrue();
    await().atMost(Duration.ofSeconds(8)).until(() -> AUTOSCALER.deleteReports.stream().anyMatch(r -> r.contains("777001")));
    assertThat(AUTOSCALER.deleteReports).anySatisfy(report -> assertThat(report)
        .contains("\"request_idx\":777001,\"success\":false,\"status\":\"Cancelled\""));
    String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(metrics).contains("vastmesh_worker_requests_total{outcome=\"client_disconnected\",route=\"/endless\"} 1.0")
        .contains("vastmesh_worker_load ").contains("vastmesh_worker_phase{phase=\"ready\"} 1.0");
  }
}
