package dev.vastmesh.examples.controlplane;

import dev.vastmesh.testsupport.FreePort;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;

/**
 * Debian's Prometheus binary as a process: on a port the OS picked, its data in a temporary
 * directory, its log beside it. Closing stops it (SIGTERM, then SIGKILL).
 */
final class PrometheusServer implements AutoCloseable {

  private final Process process;
  private final Path log;
  private final int port;

  private PrometheusServer(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Starts Prometheus on {@code config} with its data under {@code work}; waits until it is ready. */
  static PrometheusServer start(Path config, Path work) throws IOException, InterruptedException {
    Path binary = PrometheusTools.require("prometheus");
    int port = FreePort.next();
    Path log = work.resolve("prometheus.log");
    Process process = new ProcessBuilder(List.of(binary.toString(), "--config.file=" + config,
        "--storage.tsdb.path=" + Files.createDirectories(work.resolve("data")), "--web.listen-address=127.0.0.1:" + port,
        "--log.level=info")).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    PrometheusServer server = new PrometheusServer(process, log, port);
    try {
      Awaitility.await("Prometheus ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .until(() -> !process.isAlive() || server.ready());
    } catch (ConditionTimeoutException e) {
      // reported below, with the log
    }
    if (!process.isAlive() || !server.ready()) {
      String output = Files.readString(log);
      server.close();
      throw new IllegalStateException("Prometheus did not become ready; its log:\n" + output);
    }
    return server;
  }

  private boolean ready() throws InterruptedException {
    try {
      return EndToEnd.HTTP.send(HttpRequest.newBuilder(URI.create(url("/-/ready"))).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    }
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** {@code GET /api/v1/<path>}'s {@code data}; fails unless Prometheus answers {@code success}. */
  JsonNode api(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = EndToEnd.HTTP.send(HttpRequest.newBuilder(URI.create(url("/api/v1/" + path)))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body = EndToEnd.JSON.readTree(response.body());
    if (response.statusCode() != 200 || !body.path("status").asString().equals("success")) {
      throw new AssertionError("Prometheus answered " + response.statusCode() + " to " + path + ": " + response.body());
    }
    return body.path("data");
  }

  /** An instant query's result vector. */
  JsonNode query(String promql) throws IOException, InterruptedException {
    return api("query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).path("result");
  }

  String log() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
