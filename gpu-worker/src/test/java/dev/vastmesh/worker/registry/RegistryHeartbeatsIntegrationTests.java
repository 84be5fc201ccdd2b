package dev.vastmesh.worker.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import dev.vastmesh.worker.WorkerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The worker keeps itself in the registry: registers with its details, heartbeats with its load
 * and the instance token, registers again after a 404, deregisters on shutdown — against a local
 * double of registry-service's contract.
 */
class RegistryHeartbeatsIntegrationTests {

  static final List<String> CALLS = new CopyOnWriteArrayList<>();
  static final AtomicInteger HEARTBEATS = new AtomicInteger();
  static final HttpServer REGISTRY = registryDouble();

  static HttpServer registryDouble() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/api/v1/vastai/registry/", exchange -> {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
        String path = exchange.getRequestURI().getPath();
        CALLS.add(exchange.getRequestMethod() + " " + path + " " + auth + " " + body);
        int status = 200;
        String answer = "{}";
        if (path.endsWith("/register")) {
          int n = (int) CALLS.stream().filter(c -> c.contains("/register")).count();
          status = 201;
          answer = "{\"instance\":{},\"instance_token\":\"vmi_29484611_token" + n + "\"}";
        } else if (path.endsWith("/heartbeat")) {
          // The second heartbeat finds the registration expired.
          status = HEARTBEATS.incrementAndGet() == 2 ? 404 : 200;
        } else if (exchange.getRequestMethod().equals("DELETE")) {
          status = 204;
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        if (status != 204) {
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        }
        exchange.close();
      });
      server.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void registersHeartbeatsReRegistersAfter404AndDeregistersOnShutdown() throws Exception {
    // The test owns the worker's lifecycle: shutting it down is part of what is tested.
    ConfigurableApplicationContext context = new SpringApplicationBuilder(WorkerApplication.class).run(
        "--server.port=0",
        "--vastmesh.worker.vast.unsecured=true",
        "--vastmesh.worker.vast.public-url=https://203.0.113.4:41234",
        "--vastmesh.worker.handlers[0].route=/v1/embeddings",
        "--vastmesh.worker.registry.url=http://127.0.0.1:" + REGISTRY.getAddress().getPort(),
        "--vastmesh.worker.registry.token=register-token",
        "--vastmesh.worker.registry.instance-id=29484611",
        "--vastmesh.worker.registry.ttl=900ms",
        "--vastmesh.worker.registry.environment=prod",
        "--vastmesh.worker.registry.gpu-type=RTX_4090",
        "--vastmesh.worker.registry.cost-per-hour=0.34");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (CALLS.stream().filter(c -> c.contains("/heartbeat")).count() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }

    String first = CALLS.getFirst();
    assertThat(first).startsWith("POST /api/v1/vastai/registry/register Bearer register-token ")
        .contains("\"instance_id\":29484611").contains("\"capabilities\":[\"embeddings\"]")
        .contains("\"worker_url\":\"https://203.0.113.4:41234\"").contains("\"gpu_type\":\"RTX_4090\"")
        .contains("\"cost_per_hour\":0.34").contains("\"ttl_seconds\":1");
    assertThat(CALLS).anySatisfy(c -> assertThat(c).startsWith("POST /api/v1/vastai/registry/29484611/heartbeat Bearer vmi_29484611_token1")
        .contains("\"cur_load\"").contains("\"max_perf\""));
    assertThat(CALLS.stream().filter(c -> c.contains("/register")).count()).as("registered again after the 404").isGreaterThanOrEqualTo(2);
    assertThat(CALLS).anySatisfy(c -> assertThat(c).contains("/heartbeat Bearer vmi_29484611_token2"));

    context.close();

    assertThat(CALLS.getLast()).startsWith("DELETE /api/v1/vastai/registry/29484611 Bearer vmi_29484611_token");
  }
}
