package dev.vastmesh.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.events.EventCodec;
import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.EventType;
import dev.vastmesh.events.StandardWebhooks;
import dev.vastmesh.events.testing.SampleEvents;
import dev.vastmesh.testsupport.FakeHttpServer;
import dev.vastmesh.testsupport.FreePort;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP sender against a local server standing in for the router or a gateway source. */
class HttpEventSenderTests {

  private final EventCodec codec = EventCodec.standard();
  private final Queue<Integer> answers = new ConcurrentLinkedQueue<>();
  private volatile String retryAfter;
  private final FakeHttpServer server = FakeHttpServer.start().on("/", request -> {
    Integer status = answers.poll();
    FakeHttpServer.Reply reply = FakeHttpServer.Reply.status(status == null ? 202 : status);
    return retryAfter == null ? reply : reply.withHeader("Retry-After", retryAfter);
  });
  private HttpEventSender sender;

  private URI base() {
    return URI.create(server.url());
  }

  @AfterEach
  void stop() {
    if (sender != null) {
      sender.close();
    }
    server.close();
  }

  private SendResult send(EventEnvelope event) throws InterruptedException {
    return sender.send(event, codec.serialize(event));
  }

  @Test
  void toTheRouterALoneEventGoesSingleWithTheServiceToken() throws Exception {
    sender = HttpEventSender.toRouter(base(), "router-token", Duration.ofSeconds(5));
    EventEnvelope event = SampleEvents.of(EventType.MESH_REGISTERED);

    assertThat(send(event)).isSameAs(SendResult.DELIVERED);

    FakeHttpServer.Request request = server.requests().getFirst();
    assertThat(request.path()).isEqualTo("/api/v1/events");
    assertThat(request.header("Authorization")).isEqualTo("Bearer router-token");
    assertThat(request.header("Content-Type")).isEqualTo("application/cloudevents+json");
    assertThat(codec.parse(request.body())).isEqualTo(event);
  }

  @Test
  void answersBecomeDeliveredRetryableOrRefused() throws Exception {
    sender = HttpEventSender.toRouter(base(), null, Duration.ofSeconds(5));
    EventEnvelope event = SampleEvents.of(EventType.MESH_HEARTBEAT);
    answers.addAll(List.of(503, 429, 408, 422));
    retryAfter = "7";

    assertThat(send(event)).isEqualTo(new SendResult.Retryable("event router answered HTTP 503", Duration.ofSeconds(7), null));
    assertThat(send(event)).isEqualTo(new SendResult.Retryable("event router answered HTTP 429", Duration.ofSeconds(7), null));
    assertThat(send(event)).isInstanceOf(SendResult.Retryable.class);
    assertThat(send(event)).isEqualTo(new SendResult.Refused(422, "event router answered HTTP 422"));
    assertThat(server.requests().getFirst().header("Authorization")).isNull();
  }

  @Test
  void anUnreachableReceiverIsRetryable() throws Exception {
    // A port the OS just handed out and nobody listens on.
    sender = HttpEventSender.toRouter(URI.create("http://127.0.0.1:" + FreePort.next()), null, Duration.ofSeconds(2));

    SendResult result = send(SampleEvents.of(EventType.MESH_HEARTBEAT));

    assertThat(result).isInstanceOf(SendResult.Retryable.class);
    assertThat(result.describe()).startsWith("event router unreachable: ");
    assertThat(((SendResult.Retryable) result).cause()).isInstanceOf(IOException.class);
  }

  @Test
  void signedEventsCarryTheStandardWebhooksHeadersOfTheEventId() throws Exception {
    StandardWebhooks webhooks = StandardWebhooks.forSecret(StandardWebhooks.generateSecret());
    sender = new HttpEventSender(base().resolve("/api/v1/webhooks/workers"), "the gateway", null, webhooks, Duration.ofSeconds(5),
        Clock.systemUTC(), System::nanoTime);
    EventEnvelope event = SampleEvents.of(EventType.INSTANCE_READY);
    byte[] json = codec.serialize(event);

    assertThat(sender.send(event, json)).isSameAs(SendResult.DELIVERED);

    FakeHttpServer.Request request = server.requests().getFirst();
    assertThat(request.path()).isEqualTo("/api/v1/webhooks/workers");
    assertThat(request.header("webhook-id")).isEqualTo(event.id());
    assertThat(webhooks.verify(request.header("webhook-id"), request.header("webhook-timestamp"), request.header("webhook-signature"),
        request.body(), Clock.systemUTC(), StandardWebhooks.DEFAULT_TOLERANCE)).isEqualTo(StandardWebhooks.Check.VALID);
    assertThat(request.body()).isEqualTo(json);
  }

  @Test
  void aSenderThatWasClosedRefusesNewEventsAsRetryable() throws Exception {
    sender = new HttpEventSender(base().resolve("/api/v1/events"), "event router", null, null, Duration.ofSeconds(1),
        Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), System::nanoTime);
    sender.close();

    SendResult result = send(SampleEvents.of(EventType.MESH_HEARTBEAT));

    assertThat(result).isInstanceOf(SendResult.Retryable.class);
    assertThat(result.describe()).contains("shutting down");
    assertThat(server.requests()).isEmpty();
  }
}
