package dev.vastmesh.examples.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service of the control plane as an operating-system process, its output in a log file.
 * Stopping asks it to shut down (SIGTERM: each service deregisters, drains and closes) and forces
 * it after a grace period; {@link #kill()} is SIGKILL, a crash, for the tests.
 */
public final class ServiceProcess {

  private final String name;
  private final List<String> command;
  private final Map<String, String> environment;
  private final Path log;
  private final URI readiness;
  private Process process;

  /** @param environment added to the launcher's: where the secrets go, never {@code command} */
  ServiceProcess(String name, List<String> command, Map<String, String> environment, Path log, URI readiness) {
    this.name = name;
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
    this.log = log;
    this.readiness = readiness;
  }

  public String name() {
    return name;
  }

  public Path log() {
    return log;
  }

  synchronized void start() throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    process = builder.start();
  }

  /** Waits until the readiness URL answers 200; fails early when the process died. */
  void awaitReady(HttpClient http, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log + ", which ends:\n" + logTail(40));
      }
      try {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).GET().build(),
            HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(name + " not ready within " + timeout.toSeconds() + " s; see " + log + ", which ends:\n" + logTail(40));
  }

  /** The last lines of the log: a CI run keeps the test report, not the temporary directory. */
  String logTail(int lines) {
    try {
      List<String> all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException unreadable) {
      return "(log unreadable: " + unreadable.getMessage() + ")";
    }
  }

  /** The process and what it started (a wrapper execs or forks the JVM), while it runs. */
  public java.util.stream.Stream<ProcessHandle> handles() {
    Process current = process;
    return current == null ? java.util.stream.Stream.empty()
        : java.util.stream.Stream.concat(java.util.stream.Stream.of(current.toHandle()), current.descendants());
  }

  public boolean alive() {
    return process != null && process.isAlive();
  }

  /** SIGTERM, then SIGKILL after {@code grace}. */
  public void stop(Duration grace) {
    Process current = process;
    if (current == null || !current.isAlive()) {
      return;
    }
    current.destroy();
    try {
      if (!current.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        current.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      current.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** SIGKILL: the process gets no chance to clean up, as in a crash. */
  public void kill() throws InterruptedException {
    Process current = process;
    if (current != null) {
      current.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
