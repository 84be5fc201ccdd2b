package dev.vastmesh.simulator.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.simulator.support.Sim;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessSupervisorTests {

  @TempDir
  Path dir;

  @Test
  void closingTheSupervisorLeavesNoProcessBehindNotEvenADetachedOne() throws Exception {
    ProcessSupervisor supervisor = new ProcessSupervisor();
    // A job in the background, and one that leaves its parent's tree (nohup + subshell exit).
    // The numbers come from the environment, so that only the sleeps' command lines carry them.
    supervisor.start(new ContainerSpec(1, "sleep ${N}1 & (nohup sleep ${N}2 >/dev/null 2>&1 &); exec sleep ${N}3",
        Map.of("PATH", System.getenv("PATH"), "N", "703"), dir.resolve("one")));
    supervisor.start(new ContainerSpec(2, "trap '' TERM; exec sleep ${N}4", Map.of("PATH", System.getenv("PATH"), "N", "703"),
        dir.resolve("two")));
    await().atMost(Duration.ofSeconds(5)).until(() -> Sim.processes("sleep 703") == 3 && supervisor.liveCount() == 2);
    supervisor.close();
    await().atMost(Duration.ofSeconds(10)).until(() -> Sim.processes("sleep 703") == 0 && allGone("sleep 7032"));
    assertThat(supervisor.liveCount()).isZero();
  }

  @Test
  void aStoppedContainerEndsItsWholeTree() throws Exception {
    ProcessSupervisor supervisor = new ProcessSupervisor();
    ContainerProcess process = supervisor.start(new ContainerSpec(3, "sleep ${N}1 & sleep ${N}2 & wait",
        Map.of("PATH", System.getenv("PATH"), "N", "704"), dir.resolve("three")));
    await().atMost(Duration.ofSeconds(5)).until(() -> Sim.processes("sleep 704") == 2);
    supervisor.stop(process, Duration.ofSeconds(1)).join();
    assertThat(process.alive()).isFalse();
    await().atMost(Duration.ofSeconds(5)).until(() -> Sim.processes("sleep 704") == 0);
    supervisor.close();
  }

  /** A detached process is no longer our descendant: look through every process. */
  private static boolean allGone(String marker) {
    return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
        .noneMatch(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false));
  }
}
