package dev.vastmesh.examples.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.testsupport.FreePort;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C as a terminal sends it: SIGINT to the launcher's whole process group. The services run
 * in sessions of their own, so only the launcher gets it and stops them in dependency order: the
 * worker's unregistration still reaches the agent, and no process is left behind.
 */
@EnabledOnOs(OS.LINUX)
class LauncherInterruptIntegrationTests {

  @TempDir
  Path work;

  @Test
  void ctrlCStopsInDependencyOrderAndTheFarewellIsDelivered() throws Exception {
    Ports ports = Ports.from(FreePort::next);
    Path out = work.resolve("launcher.out");
    Path logs = work.resolve("logs");
    // setsid: the launcher leads a process group of its own, as a shell's foreground job does.
    // The launcher's own classes (its jar is packaged after the tests), as `java -jar control-plane.jar`.
    Process launcher = new ProcessBuilder("setsid", ProcessHandle.current().info().command().orElse("java"), "-cp",
        System.getProperty("java.class.path"), ControlPlane.class.getName(), "--repo=" + EndToEnd.REPO,
        "--work-dir=" + logs, "--ports=" + ports.assignments())
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(500))
          .until(() -> !launcher.isAlive() || read(out).contains("vastai.mesh.registered"));
      assertThat(launcher.isAlive()).as(read(out)).isTrue();
      assertThat(read(out)).contains("(each service logs to its own file in " + logs + ")");
      List<ProcessHandle> services = launcher.descendants().toList();
      // No secret in the output (often a log) or on any command line (ps shows them to every user).
      Path credentials = logs.resolve("credentials");
      assertThat(read(out)).contains("Authorization: Bearer $(cat " + credentials.resolve(Credentials.REGISTRY_ADMIN_FILE) + ")");
      List<String> secrets = List.of(read(credentials.resolve(Credentials.REGISTRY_ADMIN_FILE)),
          read(credentials.resolve(Credentials.WORKER_FILE)), read(credentials.resolve(Credentials.CI_SOURCE_FILE)),
          read(credentials.resolve(Credentials.ROUTER_FILE)));
      assertThat(secrets).allSatisfy(secret -> assertThat(secret).hasSizeGreaterThan(20));
      assertThat(services).hasSizeGreaterThanOrEqualTo(6);
      for (String secret : secrets) {
        assertThat(read(out)).doesNotContain(secret);
        assertThat(services).allSatisfy(service -> assertThat(EndToEnd.commandLine(service)).doesNotContain(secret));
      }

      Process interrupt = new ProcessBuilder("kill", "-INT", "--", "-" + launcher.pid()).inheritIO().start();
      assertThat(interrupt.waitFor(10, TimeUnit.SECONDS)).isTrue();

      assertThat(launcher.waitFor(2, TimeUnit.MINUTES)).as(read(out)).isTrue();
      assertThat(services).isNotEmpty().noneMatch(ProcessHandle::isAlive);
      assertThat(read(out)).contains("vastmesh: stopped");
      assertThat(read(logs.resolve("demo-agent.log"))).contains("vastai.mesh.unregistered");
    } finally {
      launcher.descendants().forEach(ProcessHandle::destroyForcibly);
      launcher.destroyForcibly();
    }
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }
}
