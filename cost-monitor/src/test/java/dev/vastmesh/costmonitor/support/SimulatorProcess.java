package dev.vastmesh.costmonitor.support;

import static org.awaitility.Awaitility.await;

import dev.vastmesh.testsupport.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The vast-simulator's jar as a process of its own (its application.yml and this service's would
 * clash on one class path), on a port the OS chose, with one account and an admin token, the light
 * stand-in image, quick boot steps and simulated time at {@code speedUp}. Closing it stops it, and
 * it kills every instance's process tree.
 */
public final class SimulatorProcess implements AutoCloseable {

  public static final String KEY = "sim-vast-key";
  public static final String ADMIN = "sim-admin-token";
  public static final String IMAGE = "vastmesh/stand-in";

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Process process;
  private final int port;
  private final Path workDir;
  private final double speedUp;

  private SimulatorProcess(Process process, int port, Path workDir, double speedUp) {
    this.process = process;
    this.port = port;
    this.workDir = workDir;
    this.speedUp = speedUp;
  }

  public static SimulatorProcess start(double speedUp, String... extra) {
    Path jar = Path.of("..", "vast-simulator", "target", "vast-simulator.jar").toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no " + jar + ": build with ./mvnw -pl cost-monitor -am verify");
    }
    int port = FreePort.next();
    try {
      Path work = Files.createTempDirectory(Path.of("target"), "simulator-");
      String java = ProcessHandle.current().info().command().orElse("java");
      List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
          "--server.port=" + port,
          "--vastmesh.simulator.accounts[0].key=" + KEY,
          "--vastmesh.simulator.accounts[0].credit=1000",
          "--vastmesh.simulator.admin.tokens[0].name=test",
          "--vastmesh.simulator.admin.tokens[0].value=" + ADMIN,
          "--vastmesh.simulator.admin.tokens[0].scopes=admin",
          "--vastmesh.simulator.speed-up=" + speedUp,
          "--vastmesh.simulator.lifecycle.step-delay=50ms",
          "--vastmesh.simulator.lifecycle.stop-grace=1s",
          "--vastmesh.simulator.work-dir=" + work.toAbsolutePath()));
      command.addAll(List.of(extra));
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(Path.of("target", "simulator-" + port + ".log").toFile()).start();
      SimulatorProcess simulator = new SimulatorProcess(process, port, work.toAbsolutePath(), speedUp);
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
          .failFast("the simulator exited; see target/simulator-" + port + ".log", () -> !process.isAlive())
          .until(() -> simulator.get("/actuator/health", null).statusCode() == 200);
      return simulator;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** A clock that reads the simulator's simulated time (calibrated once; close to a few ms). */
  public Clock clock() {
    status();
    Instant before = Instant.now();
    double simulated = status().get("simulated_time").doubleValue();
    Instant after = Instant.now();
    Instant real = before.plus(Duration.between(before, after).dividedBy(2));
    Instant origin = Instant.ofEpochMilli((long) (simulated * 1000));
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return origin.plusNanos((long) (Duration.between(real, Instant.now()).toNanos() * speedUp));
      }
    };
  }

  public JsonNode status() {
    return JSON.readTree(get("/admin/v1/status", ADMIN).body());
  }

  /** Arms a fault ({@code {"kind": ..., "endpoint": ..., "times": n}}). */
  public void arm(String fault) {
    HttpResponse<String> response = send("POST", "/admin/v1/faults", fault);
    if (response.statusCode() != 201) {
      throw new IllegalStateException("fault not armed: " + response.body());
    }
  }

  public void clearFaults() {
    send("DELETE", "/admin/v1/faults", null);
  }

  public void outbid(long instanceId) {
    HttpResponse<String> response = send("POST", "/admin/v1/instances/" + instanceId + "/outbid", null);
    if (response.statusCode() != 204) {
      throw new IllegalStateException("not outbid: " + response.body());
    }
  }

  /** The live processes whose working directory is the instance's. */
  public List<ProcessHandle> processes(long instanceId) {
    Path dir = workDir.resolve("instance-" + instanceId);
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      return all.filter(p -> dir.equals(cwd(p.pid()))).toList();
    }
  }

  private static @Nullable Path cwd(long pid) {
    try {
      return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd"));
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  private HttpResponse<String> get(String path, @Nullable String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(10)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return call(request);
  }

  private HttpResponse<String> send(String method, String path, @Nullable String json) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + ADMIN)
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    return call(request);
  }

  private static HttpResponse<String> call(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
