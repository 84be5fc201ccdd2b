package dev.vastmesh.registry.fuzz;

import dev.vastmesh.testsupport.fuzz.FuzzTarget;
import dev.vastmesh.testsupport.fuzz.ServletHttpFuzzContract;
import dev.vastmesh.testsupport.fuzz.Oracle;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The registry under mutated HTTP ({@link ServletHttpFuzzContract}), and the bad inputs it must answer
 * with a 4xx problem rather than a 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "vastmesh.registry.security.tokens[0].name=admin", "vastmesh.registry.security.tokens[0].value=admin-token",
    "vastmesh.registry.security.tokens[0].scopes=admin",
    "vastmesh.registry.security.tokens[1].name=prometheus", "vastmesh.registry.security.tokens[1].value=read-token",
    "vastmesh.registry.security.tokens[1].scopes=read",
    "vastmesh.registry.watch.max-wait=1s",
    // The refusals are logged at DEBUG and WARN; the run checks the ERROR events, and prints none of the rest.
    "logging.level.root=ERROR"})
class RegistryHttpFuzzIntegrationTests extends ServletHttpFuzzContract {

  private static final String BASE = "/api/v1/vastai/registry";
  private static final FuzzTarget TARGET = new FuzzTarget(paths(),
      List.of("instance_id", "contract_id", "tailscale_ip", "tailscale_hostname", "capabilities", "status", "environment",
          "trigger_id", "gpu_type", "gpu_name", "cost_per_hour", "worker_url", "num_gpus", "machine_id", "offer_type",
          "labels", "ttl_seconds", "cur_load", "max_perf", "requests_working", "note", "limit", "cursor", "index", "wait",
          "label"),
      List.of("admin-token", "read-token"), Oracle.problems());

  RegistryHttpFuzzIntegrationTests() {
    super(TARGET);
  }

  @Test
  void anUndecodableQueryIs400() throws IOException {
    assertProblem(send("GET " + BASE + "?environment=%ff HTTP/1.1\r\nAuthorization: Bearer read-token\r\n\r\n"), 400);
  }

  @Test
  void aWildcardContentTypeOnAHeartbeatIs415() throws IOException {
    assertProblem(send("POST " + BASE + "/1/heartbeat HTTP/1.1\r\nAuthorization: Bearer admin-token\r\n"
        + "Content-Type: */*\r\nContent-Length: 2\r\n\r\n{}"), 415);
  }

  @Test
  void aDotSegmentUnderHealthIs400() throws IOException {
    assertProblem(send("GET /actuator/health/..;/x HTTP/1.1\r\n\r\n"), 400);
  }

  private static List<String> paths() {
    List<String> paths = new ArrayList<>(FuzzTarget.COMMON_PATHS);
    paths.addAll(List.of(BASE, BASE, BASE + "/register", BASE + "/register", BASE + "/{id}", BASE + "/{id}/heartbeat",
        BASE + "/{id}/heartbeat", BASE + "/prometheus-sd"));
    return paths;
  }
}
