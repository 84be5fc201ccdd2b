package dev.vastmesh.worker.support;

import dev.vastmesh.events.EventCodec;
import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.StandardWebhooks;
import dev.vastmesh.testsupport.FakeHttpServer;
import dev.vastmesh.testsupport.FakeHttpServer.Reply;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook gateway for tests: accepts a message only when its Standard Webhooks signature checks
 * out with the shared secret and its body is a valid canonical event, and keeps the events.
 */
public final class GatewayDouble implements AutoCloseable {

  public static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  private final FakeHttpServer server = FakeHttpServer.start();
  public final List<EventEnvelope> events = new CopyOnWriteArrayList<>();
  public final List<String> refused = new CopyOnWriteArrayList<>();

  public GatewayDouble() {
    StandardWebhooks signer = StandardWebhooks.forSecret(SECRET);
    EventCodec codec = EventCodec.standard();
    server.on("/api/v1/webhooks/workers", request -> {
      String id = request.header("webhook-id");
      String timestamp = request.header("webhook-timestamp");
      String signature = request.header("webhook-signature");
      if (id == null || timestamp == null || signature == null
          || !signer.sign(id, Long.parseLong(timestamp), request.body()).equals(signature)) {
        refused.add("bad signature");
        return Reply.status(401);
      }
      try {
        EventEnvelope event = codec.parse(request.body());
        if (!event.id().equals(id)) {
          throw new IllegalArgumentException("webhook-id is not the event id");
        }
        events.add(event);
        return Reply.status(202);
      } catch (RuntimeException e) {
        refused.add(e.toString());
        return Reply.status(400);
      }
    });
  }

  public String url() {
    return server.url() + "/api/v1/webhooks/workers";
  }

  @Override
  public void close() {
    server.close();
  }
}
