package dev.vastmesh.simulator.process;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running container: a process in a session of its own, so that everything it starts —
 * background jobs of {@code onstart}, a JVM's children, even a daemon that detached — can be
 * ended together.
 */
public final class ContainerProcess {

  private static final Logger log = LoggerFactory.getLogger(ContainerProcess.class);

  private final long instanceId;
  private final Process process;
  private final boolean ownSession;

  ContainerProcess(long instanceId, Process process, boolean ownSession) {
    this.instanceId = instanceId;
    this.process = process;
    this.ownSession = ownSession;
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** Completes with the exit code when the container's main process ends. */
  public CompletableFuture<Integer> exit() {
    return process.onExit().thenApply(Process::exitValue);
  }

  /**
   * SIGTERM to the whole tree, {@code grace} for it to end, then SIGKILL to whatever is left of
   * it (and of its session). Returns when the tree is gone or the kill was sent.
   */
  void kill(Duration grace) {
    List<ProcessHandle> tree = tree();
    tree.forEach(ProcessHandle::destroy);
    try {
      process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception notYet) {
      // the grace is over: kill below
    }
    List<ProcessHandle> left = new ArrayList<>(tree);
    left.addAll(tree());
    left.forEach(ProcessHandle::destroyForcibly);
    if (ownSession) {
      killSession();
    }
    for (ProcessHandle handle : left) {
      try {
        handle.onExit().get(2, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.warn("process {} of instance {} did not end after SIGKILL", handle.pid(), instanceId);
      }
    }
  }

  private List<ProcessHandle> tree() {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    return tree;
  }

  /** A process that detached from its parent is still in the session's process group. */
  private void killSession() {
    try {
      new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(2, TimeUnit.SECONDS);
    } catch (IOException e) {
      log.debug("could not signal the process group of instance {}", instanceId);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
