package dev.vastmesh.worker.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import dev.vastmesh.worker.WorkerApplication;
import dev.vastmesh.worker.support.RegistryDouble;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The worker keeps itself in the registry: registers with its details, heartbeats with its load
 * and the instance token, registers again after a 404, deregisters on shutdown — against a local
 * double of registry-service's contract.
 */
class RegistryHeartbeatsIntegrationTests {

  // The second heartbeat finds the registration expired.
  static final RegistryDouble REGISTRY = new RegistryDouble(2);
  static final List<String> CALLS = REGISTRY.calls;

  @Test
  void registersHeartbeatsReRegistersAfter404AndDeregistersOnShutdown() throws Exception {
    // The test owns the worker's lifecycle: shutting it down is part of what is tested.
    ConfigurableApplicationContext context = new SpringApplicationBuilder(WorkerApplication.class).run(
        "--server.port=0",
        "--vastmesh.worker.vast.unsecured=true",
        "--vastmesh.worker.vast.public-url=https://203.0.113.4:41234",
        "--vastmesh.worker.handlers[0].route=/v1/embeddings",
        "--vastmesh.worker.registry.url=" + REGISTRY.url(),
        "--vastmesh.worker.registry.token=register-token",
        "--vastmesh.worker.registry.instance-id=29484611",
        "--vastmesh.worker.registry.ttl=900ms",
        "--vastmesh.worker.registry.environment=prod",
        "--vastmesh.worker.registry.gpu-type=RTX_4090",
        "--vastmesh.worker.registry.cost-per-hour=0.34");
    await().atMost(Duration.ofSeconds(10)).until(() -> CALLS.stream().filter(c -> c.contains("/heartbeat")).count() >= 3);

    String first = CALLS.getFirst();
    assertThat(first).startsWith("POST /api/v1/vastai/registry/register Bearer register-token ")
        .contains("\"instance_id\":29484611").contains("\"capabilities\":[\"embeddings\"]")
        .contains("\"worker_url\":\"https://203.0.113.4:41234\"").contains("\"gpu_type\":\"RTX_4090\"")
        .contains("\"cost_per_hour\":0.34").contains("\"ttl_seconds\":1");
    assertThat(CALLS).anySatisfy(c -> assertThat(c).startsWith("POST /api/v1/vastai/registry/29484611/heartbeat Bearer vmi_token1")
        .contains("\"cur_load\"").contains("\"max_perf\""));
    assertThat(CALLS.stream().filter(c -> c.contains("/register")).count()).as("registered again after the 404").isGreaterThanOrEqualTo(2);
    assertThat(CALLS).anySatisfy(c -> assertThat(c).contains("/heartbeat Bearer vmi_token2"));

    context.close();

    assertThat(CALLS.getLast()).startsWith("DELETE /api/v1/vastai/registry/29484611 Bearer vmi_token");
  }
}
