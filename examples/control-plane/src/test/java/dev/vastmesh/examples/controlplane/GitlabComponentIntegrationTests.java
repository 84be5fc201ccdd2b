package dev.vastmesh.examples.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.testsupport.FreePort;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The {@code vastai-deploy} component run for real: its test pipeline
 * ({@code templates/test/.gitlab-ci.yml}, the template included locally with inputs) under
 * gitlab-ci-local's shell executor, against the control plane with the vast-simulator as its
 * Vast and its gateway as the deployment events' receiver. The jobs fetch the CLI's jar by URL
 * and check its SHA-256 as in GitLab; the secrets are the run's, given as a project's masked
 * variables would be.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GitlabComponentIntegrationTests {

  static final long PIPELINE = 4242;

  static ControlPlane plane;
  static GitlabCiLocal ci;
  static long deployed;

  @BeforeAll
  static void start() throws Exception {
    GitlabCiLocal.requireInstalled();
    Path work = Files.createTempDirectory("vastmesh-gitlab-");
    plane = ControlPlane.forSimulatorTests(Ports.from(FreePort::next), EndToEnd.REPO, work);
    plane.start(new PrintStream(OutputStream.nullOutputStream()));
    Path jar = EndToEnd.REPO.resolve("vastai-client/target/vastai.jar");
    Credentials credentials = plane.credentials();
    ci = GitlabCiLocal.project(work.resolve("project"), List.of("templates/vastai-deploy/template.yml", "templates/test/.gitlab-ci.yml"),
        Map.of("VASTAI_API_KEY", credentials.vastKey(), "VASTMESH_REGISTRY_TOKEN", credentials.registryAdmin(),
            "VASTMESH_WORKER_TOKEN", credentials.worker(), "WEBHOOK_SECRET", credentials.ciSource(),
            "VAST_URL", Topology.url(plane.topology().simulatorPort()),
            // The client's spacing is for Vast's real limits; the simulator has none.
            "VASTAI_RATE_LIMIT", "off"),
        Map.of("vastai-jar-url", jar.toUri().toString(), "vastai-jar-sha256", sha256(jar),
            "registry-url", Topology.url(plane.topology().registryPort(0)),
            "events-url", Topology.url(plane.topology().gatewayPort(0)) + "/api/v1/webhooks/ci"));
  }

  @AfterAll
  static void stop() {
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  @Order(1)
  void deployRentsAndVerifyReachesTheWorkerThroughTheRegistry() throws Exception {
    GitlabCiLocal.Run run = ci.pipeline(PIPELINE, List.of(), Map.of());

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("PASS  vastai-deploy").contains("PASS  vastai-verify").contains("PASS  vastai-cost-report")
        .doesNotContain("vastai-teardown");
    assertThat(EndToEnd.JSON.readTree(ci.artifact("vastai-cost-report.json")).isObject()).as("the cost report").isTrue();
    JsonNode result = EndToEnd.JSON.readTree(ci.artifact("vastai-deploy.json"));
    assertThat(result.path("status").asString()).isEqualTo("ready");
    assertThat(result.path("adopted").asBoolean()).isFalse();
    deployed = result.path("instance_id").asLong();
    // verify names the instance it found in the registry: the deploy job's dotenv, passed on.
    assertThat(run.output()).contains("vastai verify: instance " + deployed + " is ready in the registry")
        .containsPattern("POST http://127\\.0\\.0\\.1:\\d+/v1/embeddings answered 200");
    assertThat(simulatorInstance(deployed).isNull()).isFalse();
    // The deploy signed its events with WEBHOOK_SECRET for the gateway's CI source.
    EndToEnd.awaitDelivery(plane, item -> item.path("type").asString().equals("vastai.deployment.completed")
        && item.path("event").path("data").path("deployment_id").asString().equals("deploy-" + PIPELINE)
        && item.path("event").path("data").path("instance_ids").toString().contains(Long.toString(deployed)),
        Duration.ofSeconds(30), "deployment.completed");
    assertThat(run.output()).doesNotContain(plane.credentials().values().toArray(String[]::new));
  }

  @Test
  @Order(2)
  void theSamePipelineAgainAdoptsTheInstanceAndItsTeardownDestroysIt() throws Exception {
    assertThat(EndToEnd.containerProcesses(plane, deployed)).as("the instance's processes").isNotEmpty();

    GitlabCiLocal.Run run = ci.pipeline(PIPELINE, List.of("vastai-teardown"), Map.of());

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("PASS  vastai-deploy").contains("PASS  vastai-verify").contains("PASS  vastai-teardown")
        .contains("adopting instance " + deployed).doesNotContain("renting offer");
    JsonNode result = EndToEnd.JSON.readTree(ci.artifact("vastai-deploy.json"));
    assertThat(result.path("instance_id").asLong()).isEqualTo(deployed);
    assertThat(result.path("adopted").asBoolean()).isTrue();
    assertThat(run.output()).contains("vastai verify: instance " + deployed + " is ready in the registry");
    assertThat(simulatorInstance(deployed).isNull()).as("Vast still has the instance").isTrue();
    assertThat(instanceIds()).isEmpty();
    await("the instance's processes end").atMost(Duration.ofSeconds(30)).until(() -> EndToEnd.containerProcesses(plane, deployed).isEmpty());
    await("the worker leaves the registry").atMost(Duration.ofSeconds(30)).until(() -> registryStatus(deployed) == 404);
    assertThat(run.output()).doesNotContain(plane.credentials().values().toArray(String[]::new));
  }

  @Test
  @Order(3)
  void aTeardownOfWhatIsAlreadyGoneSucceeds() throws Exception {
    GitlabCiLocal.Run run = ci.job(PIPELINE, "vastai-teardown");

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("PASS  vastai-teardown").contains("\"already_gone\" : true");
  }

  @Test
  @Order(4)
  void aMaximumPriceUnderEveryOfferFailsTheDeployWithExitCode10() throws Exception {
    GitlabCiLocal.Run run = ci.pipeline(PIPELINE + 1, List.of(), Map.of("max-price", "0.01"));

    assertThat(run.exit()).as(run.output()).isNotZero();
    assertThat(run.output()).contains("FAIL  vastai-deploy").containsPattern("vastai-deploy +finished in .* FAIL 10")
        .contains("no offer for 'gpu_name=RTX_4090 num_gpus=1' at or under $0.01/h");
    assertThat(run.output()).doesNotContain("PASS  vastai-verify");
    assertThat(EndToEnd.JSON.readTree(ci.artifact("vastai-deploy.json")).path("status").asString()).isEqualTo("no_offer");
    assertThat(instanceIds()).isEmpty();
  }

  /** The simulator's answer for one instance ({@code null} once Vast no longer has it). */
  static JsonNode simulatorInstance(long id) throws IOException, InterruptedException {
    return EndToEnd.JSON.readTree(EndToEnd.get(Topology.url(plane.topology().simulatorPort()) + "/api/v0/instances/" + id + "/",
        plane.credentials().vastKey()).body()).path("instances");
  }

  /** The account's instances (a destroyed one is no longer listed). */
  static List<Long> instanceIds() throws IOException, InterruptedException {
    JsonNode list = EndToEnd.JSON.readTree(EndToEnd.get(Topology.url(plane.topology().simulatorPort()) + "/api/v0/instances",
        plane.credentials().vastKey()).body()).path("instances");
    return list.valueStream().map(i -> i.path("id").asLong()).toList();
  }

  static int registryStatus(long id) throws IOException, InterruptedException {
    return EndToEnd.get(Topology.url(plane.topology().registryPort(0)) + "/api/v1/vastai/registry/" + id,
        plane.credentials().registryAdmin()).statusCode();
  }

  static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
