package dev.vastmesh.worker.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.testsupport.fuzz.FuzzTarget;
import dev.vastmesh.testsupport.fuzz.HttpFuzzContract;
import dev.vastmesh.testsupport.fuzz.Oracle;
import dev.vastmesh.testsupport.fuzz.RawResponse;
import dev.vastmesh.worker.support.AutoscalerDouble;
import dev.vastmesh.worker.support.LocalUpstream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The worker under mutated HTTP ({@link HttpFuzzContract}), and the bad inputs it must answer
 * with a 4xx rather than a 500 or an empty body. Its protocol answers on the serving and session
 * routes are Vast's JSON ({@code {"error": ...}}), not problems (openapi/gpu-worker.openapi.yml);
 * everything else, the codec's refusals included, is a problem.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "vastmesh.worker.token=worker-token",
    "vastmesh.worker.vast.max-perf=1",
    "vastmesh.worker.vast.container-id=778", "vastmesh.worker.vast.master-token=mtoken-f",
    "vastmesh.worker.handlers[0].route=/v1/embeddings", "vastmesh.worker.handlers[0].max-request-size=4KB",
    "vastmesh.worker.handlers[0].allow-parallel-requests=true",
    "logging.level.root=ERROR"})
class WorkerHttpFuzzIntegrationTests extends HttpFuzzContract {

  static final LocalUpstream UPSTREAM = new LocalUpstream();
  static final AutoscalerDouble AUTOSCALER = new AutoscalerDouble("/api/v0");

  /** Vast's error bodies: a JSON object, as application/json. */
  private static final Oracle ORACLE = Oracle.problemsOr((request, response) -> response.status() < 500
      && String.valueOf(response.header("content-type")).startsWith("application/json") && isObject(response));

  private static final FuzzTarget TARGET = new FuzzTarget(paths(),
      List.of("auth_data", "payload", "session_id", "signature", "cost", "endpoint", "reqnum", "url", "request_idx",
          "input", "model", "lifetime", "session_auth", "on_close_route"),
      List.of(), ORACLE);

  WorkerHttpFuzzIntegrationTests() {
    super(TARGET);
  }

  @DynamicPropertySource
  static void doubles(DynamicPropertyRegistry registry) {
    registry.add("vastmesh.worker.model-server", UPSTREAM::url);
    registry.add("vastmesh.worker.vast.report-addr", () -> AUTOSCALER.url() + "/");
  }

  @Test
  void aBraceOrBarInAPostPathIs400() throws IOException {
    assertProblem(send("POST /v1/emb{eddings HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"), 400);
    assertProblem(send("POST /a|b HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"), 400);
  }

  @Test
  void theCodecsRefusalsAreProblems() throws IOException {
    assertProblem(send("GET /actuator/health HTTP/1.1\r\nX-Big: " + "a".repeat(9000) + "\r\n\r\n"), 431);
    assertProblem(send("POST /session/end HTTP/1.1\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n"), 400);
  }

  @Test
  void anUnknownPathIsAProblem() throws IOException {
    RawResponse answer = send("GET /nothing/here HTTP/1.1\r\n\r\n");
    assertThat(answer.status()).isIn(404, 405);
    assertProblem(answer, answer.status());
  }

  private static boolean isObject(RawResponse response) {
    try {
      JsonNode body = Oracle.JSON.readTree(response.body());
      return body.isObject() && !body.isEmpty();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static List<String> paths() {
    List<String> paths = new ArrayList<>(FuzzTarget.COMMON_PATHS);
    paths.addAll(List.of("/v1/embeddings", "/v1/embeddings", "/v1/embeddings", "/session/create", "/session/end",
        "/session/get", "/session/health", "/v1/{name}"));
    return paths;
  }
}
