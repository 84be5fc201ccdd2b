package dev.vastmesh.worker.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.testsupport.OpenApiContract;
import dev.vastmesh.testsupport.ServiceClient;
import dev.vastmesh.worker.config.ReportAddress;
import dev.vastmesh.worker.config.WorkerProperties;
import dev.vastmesh.worker.lifecycle.StartupFailureBeacon;
import dev.vastmesh.worker.lifecycle.WorkerState;
import dev.vastmesh.worker.report.DiskGrowth;
import dev.vastmesh.worker.report.StatusBody;
import dev.vastmesh.worker.report.WorkerStatus;
import dev.vastmesh.worker.support.AutoscalerDouble;
import dev.vastmesh.worker.support.LocalUpstream;
import dev.vastmesh.worker.support.WorkerCalls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
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
    "vastmesh.worker.sessions.max-sessions=1",
    "vastmesh.worker.vast.report-retry-delay=20ms"})
class WorkerContractTests {

  static final LocalUpstream UPSTREAM = new LocalUpstream();
  // REPORT_ADDR is "<down>/api/v1,<up>/api/v0/": a path without and with a trailing slash. The
  // first refuses its key and every report, so each endpoint is asked for below both paths.
  static final AutoscalerDouble DOWN = new AutoscalerDouble("/api/v1");
  static final AutoscalerDouble AUTOSCALER = new AutoscalerDouble("/api/v0");

  static {
    DOWN.servesKey = false;
    DOWN.acceptsReports = false;
  }
  static final String WORKER_URL = "https://203.0.113.4:41234";
  static final AtomicLong REQNUM = new AtomicLong(9000);
  static final OpenApiContract CONTRACT = OpenApiContract.of("gpu-worker.openapi.yml");
  static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void doubles(DynamicPropertyRegistry registry) {
    registry.add("vastmesh.worker.model-server", UPSTREAM::url);
    registry.add("vastmesh.worker.vast.report-addr", () -> DOWN.url() + "," + AUTOSCALER.url() + "/");
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
        .isEqualTo(400);
    assertThat(call("/session/create", "/session/create", "{nope", "Authorization", "Bearer worker-token").statusCode())
        .isEqualTo(400);
    String ref = "{\"session_id\":\"" + id + "\"}";
    assertThat(call("/session/get", "/session/get", ref).statusCode()).isEqualTo(200);
    assertThat(call("/session/health", "/session/health", ref).statusCode()).isEqualTo(200);
    assertThat(call("/session/get", "/session/get", "{}").statusCode()).isEqualTo(400);
    assertThat(call("/session/end", "/session/end", ref).statusCode()).isEqualTo(200);
    assertThat(call("/session/end", "/session/end", ref).statusCode()).isEqualTo(410);
    assertThat(call("/session/health", "/session/health", ref).statusCode()).isEqualTo(410);
    assertThat(call("/session/get", "/session/get", ref).statusCode()).isEqualTo(410);
  }

  @Test
  void theContractIsServedAsItIsWithSwaggerUi() throws Exception {
    ServiceClient client = new ServiceClient(port, CONTRACT);
    client.assertApiDocsAreTheContractFile("gpu-worker.openapi.yml");
    ServiceClient.Response file = client.get("/openapi/gpu-worker.openapi.yml", "", null);
    assertThat(file.status()).isEqualTo(200);
    assertThat(file.body()).startsWith("openapi: 3.1.0");
    ServiceClient.Response page = client.get("/swagger-ui.html", "", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("/openapi/gpu-worker.openapi.yml");
    assertThat(client.get("/webjars/swagger-ui/swagger-ui-bundle.js", "", null).status()).as("the page's script").isEqualTo(200);
    assertThat(client.get("/webjars/swagger-ui/swagger-ui.css", "", null).status()).as("the page's style").isEqualTo(200);
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

  private void awaitBothReports() throws Exception {
    call("/{route}", "/v1/embeddings", signed("{\"input\":[\"a\",\"b\"]}"));
    Awaitility.await().atMost(Duration.ofSeconds(15))
        .until(() -> !AUTOSCALER.statusReports.isEmpty() && !AUTOSCALER.deleteReports.isEmpty());
  }

  @Test
  void everyReportAddressKeepsItsPathWithOrWithoutATrailingSlash() throws Exception {
    awaitBothReports();

    assertThat(DOWN.paths).contains("/api/v1/pubkey/", "/api/v1/worker_status/", "/api/v1/delete_requests/");
    assertThat(AUTOSCALER.paths).contains("/api/v0/pubkey/", "/api/v0/worker_status/", "/api/v0/delete_requests/");
    assertThat(DOWN.strayPaths).isEmpty();
    assertThat(AUTOSCALER.strayPaths).isEmpty();
    for (String base : new String[] {"http://h:1/api/v0", "http://h:1/api/v0/", "http://h:1/api/v0//"}) {
      assertThat(ReportAddress.resolve(URI.create(base), "worker_status/")).hasToString("http://h:1/api/v0/worker_status/");
      assertThat(ReportAddress.resolve(URI.create(base), "/pubkey/")).hasToString("http://h:1/api/v0/pubkey/");
    }
    assertThat(ReportAddress.resolve(URI.create("https://run.vast.ai"), "delete_requests/")).hasToString("https://run.vast.ai/delete_requests/");
    assertThat(ReportAddress.resolve(URI.create("https://run.vast.ai/"), "delete_requests/")).hasToString("https://run.vast.ai/delete_requests/");
  }

  @Test
  void deleteRequestsNeverGoToVastsConsoleAsInVastsWorker() {
    URI run = URI.create("https://run.vast.ai");
    assertThat(ReportAddress.forDeleteRequests(List.of(URI.create("https://cloud.vast.ai/api/v0"), run))).containsExactly(run);
    assertThat(ReportAddress.forDeleteRequests(List.of(URI.create("https://cloud.vast.ai/api/v0/"), run))).containsExactly(run);
    assertThat(ReportAddress.forDeleteRequests(List.of(URI.create("https://cloud.vast.ai/api/v1"), run))).hasSize(2);
    assertThat(ReportAddress.forDeleteRequests(List.of(URI.create("https://cloud.vast.ai/api/v0")))).isEmpty();
  }

  @Test
  void theStatusReportCarriesVastsWorkerVersionAndTheMeasuredFigures() throws Exception {
    awaitBothReports();

    JsonNode last = JSON.readTree(AUTOSCALER.statusReports.getLast());
    assertThat(last.get("version").asString()).isEqualTo("1.1.0").isEqualTo(StartupFailureBeacon.VERSION);
    assertThat(last.get("loadtime").asDouble()).isPositive();
    assertThat(last.get("max_perf").asDouble()).as("loaded: the configured figure").isEqualTo(1.0);
    assertThat(last.get("additional_disk_usage").isDouble()).isTrue();
    assertThat(Double.isFinite(last.get("additional_disk_usage").asDouble())).isTrue();
  }

  @Test
  void beforeTheModelHasLoadedMaxPerfIsZeroAsInVastsWorker() {
    WorkerProperties.Vast vast = new WorkerProperties.Vast(777, "mtoken-c", URI.create(WORKER_URL), List.of(URI.create("https://run.vast.ai")),
        false, "url", 812.5, 5);
    WorkerState loading = new WorkerState();

    Map<String, Object> body = StatusBody.of(vast, loading, 3.0, 812.5, new WorkerStatus().counters(), 0.25);

    JsonNode report = JSON.valueToTree(body);
    assertThat(CONTRACT.validate(JSON.readTree("{\"$ref\":\"#/components/schemas/WorkerStatus\"}"), report.toString())).isEmpty();
    assertThat(report.get("max_perf").asDouble()).isZero();
    assertThat(report.get("loadtime").asDouble()).isZero();
    assertThat(report.get("additional_disk_usage").asDouble()).isEqualTo(0.25);
    assertThat(report.get("version").asString()).isEqualTo("1.1.0");
    loading.ready();
    assertThat(StatusBody.of(vast, loading, 3.0, 812.5, new WorkerStatus().counters(), 0.0).get("max_perf")).isEqualTo(812.5);
  }

  @Test
  void additionalDiskUsageIsTheGrowthInGbSinceTheLastAcceptedReport() {
    long gb = 1L << 30;
    AtomicLong used = new AtomicLong(40 * gb);
    DiskGrowth disk = new DiskGrowth(used::get);

    assertThat(disk.measure().gb()).isZero();
    used.addAndGet(3 * gb / 2);
    DiskGrowth.Measurement lost = disk.measure();
    assertThat(lost.gb()).isEqualTo(1.5);
    used.addAndGet(gb / 2);
    DiskGrowth.Measurement sent = disk.measure();
    assertThat(sent.gb()).as("a report that was not accepted: its growth goes with the next").isEqualTo(2.0);
    disk.reported(sent);
    assertThat(disk.measure().gb()).isZero();
    used.addAndGet(-gb);
    assertThat(disk.measure().gb()).as("space freed").isEqualTo(-1.0);
    used.set(-1);
    assertThat(disk.measure().gb()).as("unreadable").isZero();
    assertThat(DiskGrowth.of(Path.of(".")).measure().gb()).isFinite();
  }
}
