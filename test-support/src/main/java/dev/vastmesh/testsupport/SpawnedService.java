package dev.vastmesh.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A service as a real process of its own (the test's class path, a port the OS chose), so a
 * crash test can kill it with SIGKILL. Its output goes to {@code target/<name>.log}.
 */
public final class SpawnedService implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final int port;
  private final Process process;

  private SpawnedService(String name, int port, Process process) {
    this.name = name;
    this.port = port;
    this.process = process;
  }

  /** Starts {@code main} with {@code --server.port=<free>} and {@code args}. */
  public static SpawnedService start(String name, Class<?> main, List<String> args) {
    int port = FreePort.next();
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), main.getName(), "--server.port=" + port));
    command.addAll(args);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(Path.of("target", name + ".log").toFile()).start();
      return new SpawnedService(name, port, process);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until readiness answers 200, failing at once if the process died. */
  public SpawnedService awaitReady() {
    URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .failFast(name + " exited; see target/" + name + ".log", () -> !process.isAlive())
        .until(() -> HTTP.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    return this;
  }

  public int port() {
    return port;
  }

  /** SIGKILL, and waits for the process to be gone. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public int exitValue() {
    return process.exitValue();
  }

  @Override
  public void close() {
    kill();
  }
}
