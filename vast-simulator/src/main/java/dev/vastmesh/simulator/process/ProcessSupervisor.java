package dev.vastmesh.simulator.process;

import jakarta.annotation.PreDestroy;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts containers as local processes and makes sure none outlives the simulator: each runs in
 * a session of its own ({@code setsid}, where there is one), and closing the application — or
 * the JVM's shutdown hook, should the context not be closed — kills every tree still alive.
 */
@Component
public class ProcessSupervisor {

  private static final Logger log = LoggerFactory.getLogger(ProcessSupervisor.class);
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);
  private static final String SETSID = "/usr/bin/setsid";

  private final Set<ContainerProcess> live = ConcurrentHashMap.newKeySet();
  private final ExecutorService reaper = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("reaper-", 0).factory());
  private final boolean sessions = new File(SETSID).canExecute();
  private final Thread hook = new Thread(this::killAllNow, "vast-simulator-process-reaper");

  public ProcessSupervisor() {
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Starts the container; the returned process is tracked until it ends. */
  public ContainerProcess start(ContainerSpec spec) throws IOException {
    Files.createDirectories(spec.directory());
    List<String> command = new ArrayList<>();
    if (sessions) {
      command.add(SETSID);
    }
    command.addAll(List.of("/bin/sh", "-c", spec.script()));
    ProcessBuilder builder = new ProcessBuilder(command).directory(spec.directory().toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.directory().resolve("container.log").toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().clear();
    builder.environment().putAll(spec.env());
    ContainerProcess process = new ContainerProcess(spec.instanceId(), builder.start(), sessions);
    live.add(process);
    process.exit().whenComplete((code, error) -> live.remove(process));
    log.debug("instance {} started as process {}", spec.instanceId(), process.pid());
    return process;
  }

  /** Ends the container's process tree in the background; the future completes when it is gone. */
  public CompletableFuture<Void> stop(ContainerProcess process, Duration grace) {
    return CompletableFuture.runAsync(() -> {
      process.kill(grace);
      live.remove(process);
    }, reaper);
  }

  /** Containers whose main process is alive. */
  public int liveCount() {
    return (int) live.stream().filter(ContainerProcess::alive).count();
  }

  @PreDestroy
  void close() {
    killAllNow();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run
    }
    reaper.shutdown();
  }

  private void killAllNow() {
    // Own threads, not the reaper: in the shutdown hook it may already be shut down.
    List<Thread> kills = live.stream().map(p -> Thread.startVirtualThread(() -> p.kill(SHUTDOWN_GRACE))).toList();
    for (Thread kill : kills) {
      try {
        kill.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    live.clear();
  }

  /** A directory for this run's instances, when none is configured. */
  public static Path temporaryWorkDir() {
    try {
      return Files.createTempDirectory("vast-simulator-");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
