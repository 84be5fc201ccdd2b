package dev.vastmesh.examples.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
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
    int offset = freeOffset();
    Path out = work.resolve("launcher.out");
    Path logs = work.resolve("logs");
    // setsid: the launcher leads a process group of its own, as a shell's foreground job does.
    // The launcher's own classes (its jar is packaged after the tests), as `java -jar control-plane.jar`.
    Process launcher = new ProcessBuilder("setsid", ProcessHandle.current().info().command().orElse("java"), "-cp",
        System.getProperty("java.class.path"), ControlPlane.class.getName(), "--repo=" + EndToEnd.REPO,
        "--work-dir=" + logs, "--port-offset=" + offset)
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(500))
          .until(() -> !launcher.isAlive() || read(out).contains("vastai.mesh.registered"));
      assertThat(launcher.isAlive()).as(read(out)).isTrue();
      assertThat(read(out)).contains("(each service logs to its own file in " + logs + ")");
      List<ProcessHandle> services = launcher.descendants().toList();

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

  /** An offset at which every port of the embedded topology is free now. */
  private static int freeOffset() {
    for (int attempt = 0; attempt < 100; attempt++) {
      int offset = 1_000 + ThreadLocalRandom.current().nextInt(20_000);
      boolean free = true;
      for (int base : new int[] {3000, 3001, 3005, 3006, 4001, 8000}) {
        free &= free(base + offset);
      }
      if (free) {
        return offset;
      }
    }
    throw new IllegalStateException("no free port range found");
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }
}
