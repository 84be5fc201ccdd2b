package dev.vastmesh.examples.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vastmesh.events.EventCodec;
import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.StandardWebhooks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's handler agents in one process: {@code POST /agents/{name}/events} receives the event
 * router's deliveries for agent {@code name}, verifies each signature with that agent's secret,
 * and prints one line per event. A repeated {@code webhook-id} (a redelivery) is acknowledged and
 * marked as a duplicate, as an idempotent agent must. {@code GET /received} lists what arrived,
 * for the end-to-end tests and for curious users.
 *
 * <p>Options: {@code --port=4001}, {@code --host=127.0.0.1} (the address to listen on: a container
 * listens on {@code 0.0.0.0}) and {@code --secrets=FILE}, a file with one
 * {@code <name>=<whsec_ secret>} line per agent.
 */
public final class DemoAgent {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int MAX_BODY = 1024 * 1024;

  /** One delivery as it arrived. */
  record Received(String agent, String webhookId, String type, String eventId, boolean duplicate, JsonNode event) {
  }

  private final Map<String, DeliveryVerifier> agents;
  private final EventCodec codec = EventCodec.standard();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final PrintStream out;
  private final HttpServer server;

  DemoAgent(int port, Map<String, String> secrets, PrintStream out) throws IOException {
    this("127.0.0.1", port, secrets, out);
  }

  DemoAgent(String host, int port, Map<String, String> secrets, PrintStream out) throws IOException {
    this.out = out;
    this.agents = new LinkedHashMap<>();
    secrets.forEach((name, secret) -> agents.put(name, new DeliveryVerifier(secret, Clock.systemUTC(), StandardWebhooks.DEFAULT_TOLERANCE)));
    this.server = HttpServer.create(new InetSocketAddress(host, port), 256);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/agents/", this::deliver);
    server.createContext("/received", this::list);
  }

  /**
   * The agents' secrets, one {@code name=secret} line each. From a file rather than the command
   * line, which every user of the machine can read.
   */
  static Map<String, String> readSecrets(Path file) throws IOException {
    Map<String, String> secrets = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int equals = trimmed.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException(file + ": expected <name>=<secret> lines");
      }
      secrets.put(trimmed.substring(0, equals).strip(), trimmed.substring(equals + 1).strip());
    }
    return secrets;
  }

  public static void main(String[] args) throws IOException {
    int port = 4001;
    String host = "127.0.0.1";
    Map<String, String> secrets = new LinkedHashMap<>();
    for (String arg : args) {
      if (arg.startsWith("--port=")) {
        port = Integer.parseInt(arg.substring(7));
      } else if (arg.startsWith("--host=")) {
        host = arg.substring(7);
      } else if (arg.startsWith("--secrets=")) {
        secrets.putAll(readSecrets(Path.of(arg.substring(10))));
      } else {
        throw new IllegalArgumentException("expected --port=N, --host=ADDRESS or --secrets=FILE, got " + arg.replaceAll("=.*", "=..."));
      }
    }
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("no agent: give --secrets=FILE with a line <name>=<whsec_ secret> per agent");
    }
    DemoAgent agent = new DemoAgent(host, port, secrets, System.out);
    agent.server.start();
    System.out.println("[demo-agent] listening on http://" + host + ":" + port + " for " + String.join(", ", secrets.keySet()));
  }

  int port() {
    return server.getAddress().getPort();
  }

  void start() {
    server.start();
  }

  void stop() {
    server.stop(0);
  }

  private void deliver(HttpExchange exchange) throws IOException {
    try (exchange) {
      String[] path = exchange.getRequestURI().getPath().split("/");
      // /agents/{name}/events
      DeliveryVerifier verifier = path.length == 4 && path[3].equals("events") ? agents.get(path[2]) : null;
      if (verifier == null || !exchange.getRequestMethod().equals("POST")) {
        answer(exchange, 404, "{\"error\":\"no such agent\"}");
        return;
      }
      String agent = path[2];
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      String id = exchange.getRequestHeaders().getFirst("webhook-id");
      DeliveryVerifier.Verdict verdict = body.length > MAX_BODY ? DeliveryVerifier.Verdict.BAD_SIGNATURE
          : verifier.verify(id, exchange.getRequestHeaders().getFirst("webhook-timestamp"),
              exchange.getRequestHeaders().getFirst("webhook-signature"), body);
      if (verdict != DeliveryVerifier.Verdict.VALID) {
        out.println("[" + agent + "] refused a delivery: " + verdict);
        answer(exchange, 401, "{\"error\":\"" + verdict.name().toLowerCase() + "\"}");
        return;
      }
      EventEnvelope event;
      try {
        event = codec.parse(body);
      } catch (RuntimeException e) {
        out.println("[" + agent + "] a signed delivery that is not a valid event: " + e.getMessage());
        answer(exchange, 422, "{\"error\":\"not a canonical event\"}");
        return;
      }
      boolean duplicate = !seen.add(agent + "/" + id);
      received.add(new Received(agent, id, event.type().wireName(), event.id(), duplicate, JSON.readTree(body)));
      out.println("[" + agent + "] " + event.type().wireName() + (event.subject() == null ? "" : " " + event.subject())
          + " id=" + event.id() + " signature ok" + (duplicate ? " (duplicate delivery, ignored)" : "")
          + " " + JSON.writeValueAsString(JSON.readTree(body).path("data")));
      answer(exchange, 200, "{\"received\":true}");
    }
  }

  private void list(HttpExchange exchange) throws IOException {
    try (exchange) {
      List<Map<String, Object>> items = new ArrayList<>();
      for (Received r : received) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("agent", r.agent());
        item.put("webhook_id", r.webhookId());
        item.put("type", r.type());
        item.put("id", r.eventId());
        item.put("duplicate", r.duplicate());
        item.put("event", r.event());
        items.add(item);
      }
      answer(exchange, 200, JSON.writeValueAsString(items));
    }
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream body = exchange.getResponseBody()) {
      body.write(bytes);
    }
  }
}
