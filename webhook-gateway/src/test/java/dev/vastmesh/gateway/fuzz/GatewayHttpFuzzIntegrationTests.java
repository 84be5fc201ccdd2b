package dev.vastmesh.gateway.fuzz;

import dev.vastmesh.gateway.support.Signed;
import dev.vastmesh.testsupport.fuzz.FuzzTarget;
import dev.vastmesh.testsupport.fuzz.ServletHttpFuzzContract;
import dev.vastmesh.testsupport.fuzz.Oracle;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The gateway under mutated HTTP ({@link ServletHttpFuzzContract}), and the bad inputs it must answer
 * with a 4xx problem rather than a 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "vastmesh.gateway.router.url=http://127.0.0.1:9",
    "vastmesh.gateway.router.token=router-token",
    "vastmesh.gateway.sources.ci.scheme=standard_webhooks",
    "vastmesh.gateway.sources.ci.secrets[0]=" + Signed.SECRET,
    "vastmesh.gateway.sources.ci.max-body-bytes=8192",
    "vastmesh.gateway.sources.gh.scheme=github",
    "vastmesh.gateway.sources.gh.secrets[0]=github-secret",
    "logging.level.root=ERROR"})
class GatewayHttpFuzzIntegrationTests extends ServletHttpFuzzContract {

  private static final FuzzTarget TARGET = new FuzzTarget(paths(),
      List.of("type", "data", "id", "event", "object_kind", "instance_id", "status", "timestamp", "ref", "pipeline"),
      List.of(), Oracle.problems());

  GatewayHttpFuzzIntegrationTests() {
    super(TARGET);
  }

  @Test
  void aBrokenChunkHeaderOnAWebhookIs400() throws IOException {
    assertProblem(send("POST /api/v1/webhooks/ci HTTP/1.1\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n"), 400);
  }

  private static List<String> paths() {
    List<String> paths = new ArrayList<>(FuzzTarget.COMMON_PATHS);
    paths.addAll(List.of("/api/v1/webhooks/ci", "/api/v1/webhooks/ci", "/api/v1/webhooks/gh", "/api/v1/webhooks/{source}",
        "/api/v1/webhooks/vast"));
    return paths;
  }
}
