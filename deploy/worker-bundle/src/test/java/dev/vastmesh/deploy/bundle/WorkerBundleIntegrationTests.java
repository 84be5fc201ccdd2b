package dev.vastmesh.deploy.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.SimpleFileServer;
import dev.vastmesh.testsupport.FreePort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundle Maven just built, installed by the onstart script exactly as on a Vast instance: served
 * over HTTP, checked, unpacked in an empty directory and started beside the CPU embeddings model
 * server, until the worker is ready and registered in a real registry; and refused when its
 * checksum is not the expected one.
 */
class WorkerBundleIntegrationTests {

  private static final Path REPO = Path.of(System.getProperty("vastmesh.repo", "../..")).toAbsolutePath().normalize();
  private static final Path TARGET = REPO.resolve("deploy/worker-bundle/target");
  private static final String BUNDLE = "gpu-worker-bundle-linux-x86_64.tar.gz";
  private static final String REGISTER_TOKEN = "vmtest-register-" + Long.toHexString(System.nanoTime());
  private static final String ADMIN_TOKEN = "vmtest-admin-" + Long.toHexString(System.nanoTime());
  private static final String WORKER_TOKEN = "vmtest-worker-" + Long.toHexString(System.nanoTime());
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private static HttpServer files;
  private static Process registry;
  private static int registryPort;

  @BeforeAll
  static void serveTheBundleAndStartARegistry() throws IOException {
    files = SimpleFileServer.createFileServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), TARGET,
        SimpleFileServer.OutputLevel.NONE);
    files.start();
    registryPort = FreePort.next();
    registry = new ProcessBuilder(java(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar",
        REPO.resolve("registry-service/target/registry-service.jar").toString(), "--server.port=" + registryPort,
        "--vastmesh.registry.security.tokens[0].name=workers", "--vastmesh.registry.security.tokens[0].value=" + REGISTER_TOKEN,
        "--vastmesh.registry.security.tokens[0].scopes=register",
        "--vastmesh.registry.security.tokens[1].name=ops", "--vastmesh.registry.security.tokens[1].value=" + ADMIN_TOKEN,
        "--vastmesh.registry.security.tokens[1].scopes=admin")
        .redirectErrorStream(true).redirectOutput(TARGET.resolve("registry.log").toFile()).start();
    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
        .failFast("the registry exited; see target/registry.log", () -> !registry.isAlive())
        .until(() -> HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + registryPort + "/actuator/health/readiness"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    files.stop(0);
    registry.destroy();
    registry.waitFor(30, TimeUnit.SECONDS);
  }

  @Test
  void onstartInstallsTheBundleAndKeepsTheWorkerRegistered() throws Exception {
    Path dir = cleanDirectory();
    int workerPort = FreePort.next();
    int modelPort = FreePort.next();
    Map<String, String> env = bundleEnv(sha256());
    env.put("VASTMESH_WORKER_PRESET", "embeddings");
    env.put("VASTMESH_MODEL_COMMAND", "exec '" + java() + "' -Xmx512m -jar '"
        + REPO.resolve("examples/embeddings-model-server/target/embeddings-model-server.jar") + "' --port=" + modelPort);
    env.put("MODEL_SERVER_URL", "http://127.0.0.1:" + modelPort);
    env.put("WORKER_PORT", Integer.toString(workerPort));
    env.put("WORKER_TOKEN", WORKER_TOKEN);
    env.put("UNSECURED", "true");
    env.put("VASTMESH_WORKER_REGISTRY_URL", "http://127.0.0.1:" + registryPort);
    env.put("VASTMESH_WORKER_REGISTRY_TOKEN", REGISTER_TOKEN);
    env.put("VASTMESH_WORKER_REGISTRY_INSTANCE_ID", "4242");
    env.put("VASTAI_API_KEY", "account-key-that-must-not-reach-the-worker");
    try (Onstart onstart = Onstart.start(REPO, dir, env)) {
      awaitRegisteredAndReady(onstart);
      assertThat(onstart.log()).contains("SHA-256 verified").contains("starting the worker (preset embeddings)");
      assertThat(Files.readString(Path.of("/proc", Long.toString(onstart.workerPid()), "environ")))
          .doesNotContain("account-key-that-must-not-reach-the-worker");
      // The worker proxies to the model server the script started.
      assertThat(post(workerPort, "/v1/embeddings", "{\"input\":[\"hello\"]}").body()).contains("\"embedding\"");

      // Dies: started again, registers again (the registry still lists the dead one until its TTL).
      long first = onstart.workerPid();
      ProcessHandle.of(first).orElseThrow().destroyForcibly();
      await().atMost(Duration.ofSeconds(60)).until(() -> onstart.log().contains("the worker exited with status 137"));
      await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
          .failFast("onstart.sh exited; see " + onstart.home(), () -> !onstart.isAlive())
          .until(() -> onstart.workerPid() != first
              && onstart.workerLog().split("registered instance 4242 in the registry", -1).length == 3);
      awaitRegisteredAndReady(onstart);
      assertThat(post(workerPort, "/v1/embeddings", "{\"input\":[\"again\"]}").statusCode()).isEqualTo(200);
      assertThat(onstart.log()).containsOnlyOnce("downloading the worker bundle");
    }
  }

  @Test
  void aWrongChecksumRefusesToStart() throws Exception {
    Path dir = cleanDirectory();
    String wrong = "0".repeat(64);
    try (Onstart onstart = Onstart.start(REPO, dir, bundleEnv(wrong))) {
      await().atMost(Duration.ofSeconds(60)).until(() -> !onstart.isAlive());
      assertThat(onstart.exitValue()).isEqualTo(1);
      assertThat(onstart.log()).contains("refusing to start: SHA-256 mismatch for the worker bundle from http://127.0.0.1:")
          .contains("got " + sha256() + ", expected " + wrong).doesNotContain("starting the worker");
      try (var left = Files.list(onstart.home())) {
        assertThat(left.map(p -> p.getFileName().toString())).containsExactly("onstart.log");
      }
    }
  }

  @Test
  void aMissingOrMalformedChecksumRefusesBeforeDownloading() throws Exception {
    Path dir = cleanDirectory();
    for (String sha : List.of("", "abc", "g".repeat(64))) {
      Path clean = Files.createDirectories(dir.resolve("sha-" + sha.length() + "-" + sha.hashCode()));
      try (Onstart onstart = Onstart.start(REPO, clean, bundleEnv(sha))) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !onstart.isAlive());
        assertThat(onstart.exitValue()).isEqualTo(1);
        assertThat(onstart.log()).contains("refusing to start: VASTMESH_WORKER_BUNDLE_SHA256 must be 64 hex digits")
            .doesNotContain("downloading");
      }
    }
  }

  /** An empty directory of its own for each run, kept under target/ to be read when a run fails. */
  private static Path cleanDirectory() throws IOException {
    return Files.createTempDirectory(Files.createDirectories(TARGET.resolve("onstart-runs")), "instance-");
  }

  private static Map<String, String> bundleEnv(String sha) {
    Map<String, String> env = new HashMap<>();
    // A query like a presigned URL's: its signature must never be logged.
    env.put("VASTMESH_WORKER_BUNDLE_URL", "http://127.0.0.1:" + files.getAddress().getPort() + "/" + BUNDLE + "?X-Amz-Signature=secret-sig");
    env.put("VASTMESH_WORKER_BUNDLE_SHA256", sha);
    return env;
  }

  private static void awaitRegisteredAndReady(Onstart onstart) {
    await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
        .failFast("onstart.sh exited; see " + onstart.home(), () -> !onstart.isAlive())
        .until(() -> {
          HttpResponse<String> instance = HTTP.send(HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + registryPort + "/api/v1/vastai/registry/4242"))
              .header("Authorization", "Bearer " + ADMIN_TOKEN).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString());
          return instance.statusCode() == 200 && instance.body().contains("\"status\":\"ready\"");
        });
    assertThat(onstart.log()).doesNotContain("secret-sig");
  }

  private static HttpResponse<String> post(int port, String path, String json) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + WORKER_TOKEN).POST(HttpRequest.BodyPublishers.ofString(json))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String sha256() throws IOException {
    return Files.readString(TARGET.resolve(BUNDLE + ".sha256"), StandardCharsets.UTF_8).split("\\s+")[0];
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
