package dev.vastmesh.router.fuzz;

import dev.vastmesh.testsupport.fuzz.FuzzTarget;
import dev.vastmesh.testsupport.fuzz.ServletHttpFuzzContract;
import dev.vastmesh.testsupport.fuzz.Oracle;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The router under mutated HTTP ({@link ServletHttpFuzzContract}), and the bad inputs it must answer
 * with a 4xx problem rather than a 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "vastmesh.router.tokens[0].name=gateway", "vastmesh.router.tokens[0].value=ingest-token",
    "vastmesh.router.tokens[0].scopes=ingest",
    "vastmesh.router.tokens[1].name=ops", "vastmesh.router.tokens[1].value=admin-token", "vastmesh.router.tokens[1].scopes=admin",
    // No agent listens: nothing the fuzzer sends is a valid event, and nothing may be delivered anywhere.
    "vastmesh.router.agents.cluster-operator.url=http://127.0.0.1:9/events",
    "vastmesh.router.agents.cluster-operator.secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    "vastmesh.router.agents.cost-intelligence-monitor.url=http://127.0.0.1:9/events",
    "vastmesh.router.agents.cost-intelligence-monitor.secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    "vastmesh.router.max-request-bytes=65536",
    "logging.level.root=ERROR"})
class RouterHttpFuzzIntegrationTests extends ServletHttpFuzzContract {

  private static final FuzzTarget TARGET = new FuzzTarget(paths(),
      List.of("specversion", "id", "source", "type", "subject", "time", "datacontenttype", "data", "instance_id",
          "vastmeshversion", "traceparent", "limit", "cursor", "agent"),
      List.of("ingest-token", "admin-token"), Oracle.problems());

  RouterHttpFuzzIntegrationTests() {
    super(TARGET);
  }

  @Test
  void aBrokenChunkHeaderOnIngestIs400() throws IOException {
    assertProblem(send("POST /api/v1/events HTTP/1.1\r\nAuthorization: Bearer ingest-token\r\n"
        + "Content-Type: application/cloudevents+json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n"), 400);
  }

  private static List<String> paths() {
    List<String> paths = new ArrayList<>(FuzzTarget.COMMON_PATHS);
    paths.addAll(List.of("/api/v1/events", "/api/v1/events", "/api/v1/events", "/api/v1/routes", "/api/v1/dead-letters",
        "/api/v1/dead-letters/{id}", "/api/v1/dead-letters/{id}/replay", "/api/v1/dead-letters/replay"));
    return paths;
  }
}
