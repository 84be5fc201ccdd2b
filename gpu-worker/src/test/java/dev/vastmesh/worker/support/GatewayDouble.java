package dev.vastmesh.worker.support;

import com.sun.net.httpserver.HttpServer;
import dev.vastmesh.events.EventCodec;
import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.StandardWebhooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook gateway for tests: accepts a message only when its Standard Webhooks signature checks
 * out with the shared secret and its body is a valid canonical event, and keeps the events.
 */
public final class GatewayDouble implements AutoCloseable {

  public static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  private final HttpServer server;
  public final List<EventEnvelope> events = new CopyOnWriteArrayList<>();
  public final List<String> refused = new CopyOnWriteArrayList<>();

  public GatewayDouble() {
    StandardWebhooks signer = StandardWebhooks.forSecret(SECRET);
    EventCodec codec = EventCodec.standard();
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/api/v1/webhooks/workers", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String id = exchange.getRequestHeaders().getFirst("webhook-id");
      String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
      String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
      int status = 202;
      if (id == null || timestamp == null || signature == null
          || !signer.sign(id, Long.parseLong(timestamp), body).equals(signature)) {
        refused.add("bad signature");
        status = 401;
      } else {
        try {
          EventEnvelope event = codec.parse(body);
          if (!event.id().equals(id)) {
            throw new IllegalArgumentException("webhook-id is not the event id");
          }
          events.add(event);
        } catch (RuntimeException e) {
          refused.add(e.toString());
          status = 400;
        }
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/webhooks/workers";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
