package dev.vastmesh.examples.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The run's secrets go to the services' environments and to private files, never to a command line or the banner. */
class TopologyTests {

  @TempDir
  Path work;

  final Credentials credentials = Credentials.generate();

  @Test
  void noSecretIsACommandLineArgumentAndEveryOneReachesItsService() {
    for (boolean ha : new boolean[] {false, true}) {
      Topology topology = topology(ha);
      List<Settings> services = new ArrayList<>(List.of(topology.worker(credentials),
          new SimulatedFleet(topology).simulator(credentials)));
      for (int replica = 0; replica < topology.replicas(); replica++) {
        services.addAll(List.of(topology.router(replica, credentials), topology.registry(replica, credentials),
            topology.gateway(replica, credentials)));
      }
      List<String> environments = new ArrayList<>();
      for (Settings service : services) {
        String args = String.join(" ", service.args());
        assertThat(credentials.values()).allSatisfy(secret -> assertThat(args).doesNotContain(secret));
        environments.add(service.environment().get("SPRING_APPLICATION_JSON"));
      }
      // Every secret reaches a service: none is lost on the way off the command line.
      assertThat(credentials.values()).allSatisfy(secret -> assertThat(environments).anySatisfy(env -> assertThat(env).contains(secret)));
    }
  }

  @Test
  void theEnvironmentIsSpringBootJsonOfTheSecretProperties() {
    Settings registry = topology(false).registry(0, credentials);

    var json = JsonMapper.builder().build().readTree(registry.environment().get("SPRING_APPLICATION_JSON"));
    assertThat(json.get("vastmesh.registry.security.tokens[0].value").asString()).isEqualTo(credentials.registryAdmin());
    assertThat(json.get("vastmesh.registry.security.tokens[0].scopes").asString()).isEqualTo("admin");
    assertThat(new Settings(List.of("--port=1"), java.util.Map.of()).environment()).isEmpty();
  }

  @Test
  void theCredentialFilesAreReadableOnlyByTheirUserAndTheBannerReadsThemFromThere() throws Exception {
    Topology topology = topology(false);
    credentials.writeTo(topology.credentialsDir());
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    new Banner(topology).print(new PrintStream(printed, true, StandardCharsets.UTF_8));
    String banner = printed.toString(StandardCharsets.UTF_8);

    assertThat(Files.getPosixFilePermissions(topology.credentialsDir())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    for (String file : List.of(Credentials.REGISTRY_ADMIN_FILE, Credentials.WORKER_FILE, Credentials.CI_SOURCE_FILE,
        Credentials.ROUTER_FILE, Credentials.AGENTS_FILE)) {
      assertThat(Files.getPosixFilePermissions(topology.credentialsDir().resolve(file)))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
    assertThat(Files.readString(topology.credentialsDir().resolve(Credentials.REGISTRY_ADMIN_FILE))).isEqualTo(credentials.registryAdmin());
    assertThat(Files.readString(topology.credentialsDir().resolve(Credentials.AGENTS_FILE)))
        .contains("cluster-operator=" + credentials.clusterOperator());
    assertThat(banner).contains("curl -s -H \"Authorization: Bearer $(cat "
        + topology.credentialsDir().resolve(Credentials.REGISTRY_ADMIN_FILE) + ")\" " + Topology.url(topology.registryPort(0)));
    assertThat(banner).contains("SECRET=$(cat " + topology.credentialsDir().resolve(Credentials.CI_SOURCE_FILE) + ")");
    assertThat(credentials.values()).allSatisfy(secret -> assertThat(banner).doesNotContain(secret));

    credentials.writeTo(topology.credentialsDir());
    assertThat(Files.readString(topology.credentialsDir().resolve(Credentials.WORKER_FILE))).isEqualTo(credentials.worker());
  }

  @Test
  void aSimulatedInstanceReadsItsWorkersSecretsFromTheRunsFilesNotFromItsCommandLine() throws Exception {
    Topology topology = simTopology();
    credentials.writeTo(topology.credentialsDir());
    credentials.writeSimulatorFilesTo(topology.credentialsDir());
    String command = new SimulatedFleet(topology).containerCommand();

    assertThat(credentials.values()).allSatisfy(secret -> assertThat(command).doesNotContain(secret));
    for (String file : List.of(Credentials.WORKER_FILE, Credentials.WORKER_REGISTRY_FILE, Credentials.WORKERS_SOURCE_FILE)) {
      assertThat(command).contains("$(cat '" + topology.credentialsDir().resolve(file) + "')");
    }
    assertThat(Files.readString(topology.credentialsDir().resolve(Credentials.WORKER_REGISTRY_FILE))).isEqualTo(credentials.registryRegister());
    assertThat(Files.readString(topology.credentialsDir().resolve(Credentials.VAST_KEY_FILE))).isEqualTo(credentials.vastKey());
    for (String file : List.of(Credentials.VAST_KEY_FILE, Credentials.SIMULATOR_ADMIN_FILE, Credentials.WORKER_REGISTRY_FILE,
        Credentials.WORKERS_SOURCE_FILE)) {
      assertThat(Files.getPosixFilePermissions(topology.credentialsDir().resolve(file)))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
    // The worker listens where the simulator mapped the container's port 3000, and registers in this run's registry.
    assertThat(command).contains("\"--server.port=$VAST_TCP_PORT_3000\"")
        .contains("'--vastmesh.worker.registry.url=" + Topology.url(topology.registryPort(0)) + "'")
        .contains("'--vastmesh.worker.startup.on-load=Application startup complete'")
        .doesNotContain("instance-id");
  }

  @Test
  void aShellWordIsTakenLiterallyWhateverItHolds() throws Exception {
    String word = "it's $HOME and `date` \"quoted\"";
    Process shell = new ProcessBuilder("/bin/sh", "-c", "printf %s " + SimulatedFleet.quoted(word)).start();

    assertThat(new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(word);
    assertThat(shell.waitFor()).isZero();
  }

  @Test
  void theSimBannerGivesVastUrlAndTheKeysFileButNotTheKey() {
    Topology topology = simTopology();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    new Banner(topology).print(new PrintStream(printed, true, StandardCharsets.UTF_8));
    String banner = printed.toString(StandardCharsets.UTF_8);

    assertThat(banner).contains("export VAST_URL=" + Topology.url(topology.simulatorPort()))
        .contains("VASTAI_API_KEY=\"$(cat " + topology.credentialsDir().resolve(Credentials.VAST_KEY_FILE) + ")\"")
        .contains("./vastai deploy").doesNotContain("gpu-worker         ");
    assertThat(credentials.values()).allSatisfy(secret -> assertThat(banner).doesNotContain(secret));
  }

  private Topology simTopology() {
    return new Topology(false, true, Ports.defaults(), true, "vastmesh:test:", "127.0.0.1", 6379, work, work, List.of(), List.of());
  }

  private Topology topology(boolean ha) {
    return new Topology(ha, false, Ports.defaults(), true, "vastmesh:test:", "127.0.0.1", 6379, work, work, List.of(), List.of());
  }
}
