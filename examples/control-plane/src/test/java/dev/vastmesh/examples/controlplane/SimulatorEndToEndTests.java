package dev.vastmesh.examples.controlplane;

import static dev.vastmesh.examples.controlplane.EndToEnd.JSON;
import static dev.vastmesh.examples.controlplane.EndToEnd.awaitDelivery;
import static dev.vastmesh.examples.controlplane.EndToEnd.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.testsupport.FreePort;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./vastmesh sim} end to end: the control plane with the vast-simulator beside it, and the
 * repository's {@code vastai} CLI (its jar, as a CI job runs it) deploying against the simulator.
 * The rented instance is a real gpu-worker process that registers in the run's registry and tells
 * the agents it is ready; destroying it ends the process and unregisters it.
 */
class SimulatorEndToEndTests {

  static ControlPlane plane;
  static Path work;

  @BeforeAll
  static void start() throws Exception {
    work = Files.createTempDirectory("vastmesh-sim-e2e-");
    plane = ControlPlane.forSimulatorTests(Ports.from(FreePort::next), EndToEnd.REPO, work);
    plane.start(new PrintStream(OutputStream.nullOutputStream()));
  }

  @AfterAll
  static void stop() {
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void aDeployedInstanceRegistersIsReadyAndIsGoneOnceDestroyed() throws Exception {
    Path result = work.resolve("deploy.json");
    Cli deploy = vastai("deploy", "--query", "gpu_name=RTX_4090 num_gpus=1", "--max-price", "2", "--image", "vastmesh/gpu-worker",
        "--label", "e2e", "--poll", "PT0.5S", "--no-progress-timeout", "PT60S", "--result", result.toString());

    assertThat(deploy.exit()).as(deploy.output()).isZero();
    assertThat(deploy.output()).contains("loading").contains("running");
    JsonNode outcome = JSON.readTree(Files.readString(result));
    assertThat(outcome.path("status").asString()).isEqualTo("ready");
    assertThat(outcome.path("gpu_name").asString()).isEqualTo("RTX 4090");
    long id = outcome.path("instance_id").asLong();
    assertThat(EndToEnd.containerProcesses(plane, id)).as("the instance's processes").isNotEmpty();

    // The worker's registry instance id is the simulator's CONTAINER_ID, i.e. Vast's instance id.
    awaitDelivery(plane, event("vastai.mesh.registered", id), Duration.ofSeconds(90), "mesh.registered");
    awaitDelivery(plane, event("vastai.instance.ready", id), Duration.ofSeconds(30), "instance.ready");
    assertThat(registryStatus(id)).isEqualTo(200);
    assertThat(credentialsOnCommandLines(id)).as("a secret on a container's command line").isEmpty();

    Cli destroy = vastai("destroy", "instance", Long.toString(id));
    assertThat(destroy.exit()).as(destroy.output()).isZero();

    await("the instance's processes end").atMost(Duration.ofSeconds(20)).until(() -> EndToEnd.containerProcesses(plane, id).isEmpty());
    JsonNode gone = awaitDelivery(plane, event("vastai.mesh.unregistered", id), Duration.ofSeconds(30), "mesh.unregistered");
    assertThat(gone.path("event").path("data").path("reason").asString()).isNotEqualTo("expired");
    assertThat(registryStatus(id)).isEqualTo(404);
    Cli show = vastai("show", "instances", "--json");
    assertThat(show.exit()).as(show.output()).isZero();
    assertThat(show.output()).doesNotContain("\"id\" : " + id);
  }

  @Test
  void aTakenOfferArmedWithTheRunsAdminTokenSendsTheDeployToTheNextOne() throws Exception {
    String faults = Topology.url(plane.topology().simulatorPort()) + "/admin/v1/faults";
    String admin = Files.readString(plane.topology().credentialsDir().resolve(Credentials.SIMULATOR_ADMIN_FILE));
    assertThat(EndToEnd.post(faults, "not-the-token", "{\"kind\":\"offer_taken\",\"times\":1}").statusCode()).isEqualTo(401);
    assertThat(EndToEnd.post(faults, admin, "{\"kind\":\"offer_taken\",\"times\":1}").statusCode()).isEqualTo(201);
    Path result = work.resolve("deploy-taken.json");

    // The light stand-in: this is about the CLI's failover, not the worker.
    Cli deploy = vastai("deploy", "--query", "gpu_name=RTX_3090", "--max-price", "5", "--image", SimulatedFleet.STAND_IN_IMAGE,
        "--poll", "PT0.5S", "--result", result.toString());

    assertThat(deploy.exit()).as(deploy.output()).isZero();
    assertThat(deploy.output()).containsPattern("offer \\d+ is gone; trying the next");
    long id = JSON.readTree(Files.readString(result)).path("instance_id").asLong();
    assertThat(EndToEnd.containerProcesses(plane, id)).isNotEmpty();
    assertThat(vastai("destroy", "instance", Long.toString(id)).exit()).isZero();
    await("the stand-in's process ends").atMost(Duration.ofSeconds(20)).until(() -> EndToEnd.containerProcesses(plane, id).isEmpty());
  }

  @Test
  void aWrongKeyIsRefusedAsVastRefusesIt() throws Exception {
    Cli search = run(Map.of("VASTAI_API_KEY", "not-a-key"), "search", "offers", "gpu_name=RTX_4090");

    assertThat(search.exit()).isEqualTo(12);
    assertThat(search.output()).contains("401");
  }

  record Cli(int exit, String output) {
  }

  /** The CLI's jar with the simulator as its Vast, the key in its environment as a CI job's masked variable. */
  static Cli vastai(String... args) throws IOException, InterruptedException {
    return run(Map.of("VASTAI_API_KEY", plane.credentials().vastKey()), args);
  }

  static Cli run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-jar", EndToEnd.REPO.resolve("vastai-client/target/vastai.jar").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("VAST_URL", Topology.url(plane.topology().simulatorPort()));
    // The client's spacing is for Vast's real limits; the simulator has none unless a test arms them.
    builder.environment().put("VASTAI_RATE_LIMIT", "off");
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("vastai " + String.join(" ", args) + " did not end:\n" + output);
    }
    return new Cli(process.exitValue(), output);
  }

  static int registryStatus(long id) throws IOException, InterruptedException {
    return EndToEnd.get(Topology.url(plane.topology().registryPort(0)) + "/api/v1/vastai/registry/" + id,
        plane.credentials().registryAdmin()).statusCode();
  }

  static List<String> credentialsOnCommandLines(long id) {
    return EndToEnd.containerProcesses(plane, id).stream().map(EndToEnd::commandLine)
        .filter(line -> plane.credentials().values().stream().anyMatch(line::contains)).toList();
  }
}
