package dev.vastmesh.examples.controlplane;

import static org.awaitility.Awaitility.await;

import dev.vastmesh.events.EventCodec;
import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.EventFactory;
import dev.vastmesh.events.EventOptions;
import dev.vastmesh.events.StandardWebhooks;
import dev.vastmesh.events.payload.DeploymentStarted;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the end-to-end tests do to a running control plane: sign, send, read what the agent got. */
final class EndToEnd {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final Path REPO = Path.of("../..").toAbsolutePath().normalize();

  private EndToEnd() {
  }

  /** A signed deployment message for the gateway's {@code ci} source: the event and the headers. */
  record SignedMessage(EventEnvelope event, byte[] body, String id, long timestamp, String signature) {
  }

  static SignedMessage deploymentStarted(String secret, String deploymentId) {
    EventEnvelope event = EventFactory.create(Clock.systemUTC(), "/ci/e2e").create(
        new DeploymentStarted(deploymentId, "4242", "platform/embeddings", "main", "vastmesh/demo:latest", "gpu_name=RTX_4090", 1),
        EventOptions.none().withTriggerId("pipeline-4242").withEnvironment("demo"));
    byte[] body = EventCodec.standard().serialize(event);
    long timestamp = System.currentTimeMillis() / 1000;
    return new SignedMessage(event, body, event.id(), timestamp, StandardWebhooks.forSecret(secret).sign(event.id(), timestamp, body));
  }

  static HttpResponse<String> send(int gatewayPort, SignedMessage message) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + "/api/v1/webhooks/ci"))
        .header("Content-Type", "application/cloudevents+json").header("webhook-id", message.id())
        .header("webhook-timestamp", Long.toString(message.timestamp())).header("webhook-signature", message.signature())
        .POST(HttpRequest.BodyPublishers.ofByteArray(message.body())).build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String url, String bearer, String json) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + bearer).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(String url, String bearer) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Every delivery the demo agent accepted (each verified against its agent's secret). */
  static List<JsonNode> received(ControlPlane plane) throws IOException, InterruptedException {
    String body = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plane.topology().agentPort() + "/received"))
        .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    List<JsonNode> items = new ArrayList<>();
    JSON.readTree(body).forEach(items::add);
    return items;
  }

  static Predicate<JsonNode> event(String type, long instanceId) {
    return item -> item.path("type").asString().equals(type) && item.path("event").path("data").path("instance_id").asLong() == instanceId;
  }

  /**
   * Every process of this user that belongs to container {@code id} of this run's simulator: its
   * environment says {@code CONTAINER_ID=id} and it runs in the run's work directory (another
   * run on the machine has containers of the same ids). Orphans count: the whole machine is read.
   */
  static List<ProcessHandle> containerProcesses(ControlPlane plane, long id) {
    String marker = "CONTAINER_ID=" + id;
    Path work = plane.topology().workDir().toAbsolutePath();
    return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).filter(process -> {
      try {
        Path proc = Path.of("/proc", Long.toString(process.pid()));
        byte[] environ = Files.readAllBytes(proc.resolve("environ"));
        return List.of(new String(environ, StandardCharsets.UTF_8).split("\0")).contains(marker)
            && Files.readSymbolicLink(proc.resolve("cwd")).startsWith(work);
      } catch (IOException | SecurityException unreadable) {
        return false;
      }
    }).toList();
  }

  /**
   * What {@code ps} shows every user of a process: its command line, from {@code /proc} (empty
   * once it has exited).
   */
  static String commandLine(ProcessHandle process) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")),
          java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException gone) {
      return "";
    }
  }

  /** Waits until the agent has a delivery matching {@code what}; fails with the agent's log. */
  static JsonNode awaitDelivery(ControlPlane plane, Predicate<JsonNode> what, Duration timeout, String description) throws Exception {
    try {
      return await(description).atMost(timeout).pollInterval(Duration.ofMillis(200))
          .until(() -> received(plane).stream().filter(what).findFirst(), java.util.Optional::isPresent).orElseThrow();
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("not delivered within " + timeout.toSeconds() + " s: " + description + "\nagent log:\n"
          + Files.readString(plane.process("demo-agent").orElseThrow().log()), e);
    }
  }
}
