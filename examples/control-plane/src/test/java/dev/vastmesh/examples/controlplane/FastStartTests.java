package dev.vastmesh.examples.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service prepared once starts from its extraction and recorded cache; a rebuilt jar is prepared anew. */
class FastStartTests {

  @TempDir
  Path work;

  @Test
  void aPreparedServiceStartsFromItsCacheAndARebuildInvalidatesIt() throws Exception {
    Path jar = work.resolve("target").resolve("registry-service.jar");
    Files.createDirectories(jar.getParent());
    Files.copy(EndToEnd.REPO.resolve("registry-service/target/registry-service.jar"), jar);
    FastStart fastStart = FastStart.forThisJvm();
    Settings settings = new Settings(List.of(), java.util.Map.of("vastmesh.registry.security.tokens[0].name", "admin",
        "vastmesh.registry.security.tokens[0].value", "vmadm_fast_start_test_token_0123456789",
        "vastmesh.registry.security.tokens[0].scopes", "admin"));
    ByteArrayOutputStream said = new ByteArrayOutputStream();

    fastStart.prepare(List.of(new FastStart.Service(jar, List.of("-XX:+UseSerialGC"), settings)),
        new PrintStream(said, true, StandardCharsets.UTF_8));

    String cacheOption = Runtime.version().feature() >= 25 ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=";
    List<String> launch = fastStart.launch(jar);
    assertThat(said.toString(StandardCharsets.UTF_8)).contains("recording start-up caches for 1 services");
    assertThat(launch).anySatisfy(option -> assertThat(option).startsWith(cacheOption));
    Path cache = Path.of(launch.stream().filter(o -> o.startsWith(cacheOption)).findFirst().orElseThrow().substring(cacheOption.length()));
    assertThat(cache).isRegularFile().startsWith(FastStart.home(jar));
    assertThat(launch.getLast()).isEqualTo(FastStart.home(jar).resolve("app/registry-service.jar").toString());

    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-XX:+UseSerialGC"));
    command.addAll(launch);
    command.add("--server.port=" + port);
    ServiceProcess service = new ServiceProcess("registry-service", command, settings.environment(), work.resolve("registry.log"),
        URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"));
    try {
      service.start();
      service.awaitReady(EndToEnd.HTTP, Duration.ofSeconds(120));
    } finally {
      service.stop(Duration.ofSeconds(15));
    }

    // A rebuild: the jar is newer than its extraction, so it runs as built until prepared again.
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
    assertThat(fastStart.launch(jar)).containsExactly("-jar", jar.toString());
  }
}
