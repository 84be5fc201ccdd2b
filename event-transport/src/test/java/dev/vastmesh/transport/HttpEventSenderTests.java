package dev.vastmesh.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vastmesh.events.EventCodec;
import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.EventType;
import dev.vastmesh.events.StandardWebhooks;
import dev.vastmesh.events.testing.SampleEvents;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP sender against a local server standing in for the router or a gateway source. */
class HttpEventSenderTests {

  private record Received(String path, Map<String, List<String>> headers, byte[] body) {
  }

  private final EventCodec codec = EventCodec.standard();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();
  private final AtomicInteger retryAfterSeconds = new AtomicInteger(-1);
  private final HttpServer server;
  private HttpEventSender sender;

  HttpEventSenderTests() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      received.add(new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
          exchange.getRequestBody().readAllBytes()));
      Integer status = answers.poll();
      if (retryAfterSeconds.get() >= 0) {
        exchange.getResponseHeaders().add("Retry-After", Integer.toString(retryAfterSeconds.get()));
      }
      exchange.sendResponseHeaders(status == null ? 202 : status, -1);
      exchange.close();
    });
    server.start();
  }

  private URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    if (sender != null) {
      sender.close();
    }
    server.stop(0);
  }

  private SendResult send(EventEnvelope event) throws InterruptedException {
    return sender.send(event, codec.serialize(event));
  }

  @Test
  void toTheRouterALoneEventGoesSingleWithTheServiceToken() throws Exception {
    sender = HttpEventSender.toRouter(base(), "router-token", Duration.ofSeconds(5));
    EventEnvelope event = SampleEvents.of(EventType.MESH_REGISTERED);

    assertThat(send(event)).isSameAs(SendResult.DELIVERED);

    Received request = received.getFirst();
    assertThat(request.path()).isEqualTo("/api/v1/events");
    assertThat(request.headers().get("Authorization")).containsExactly("Bearer router-token");
    assertThat(request.headers().get("Content-type")).containsExactly("application/cloudevents+json");
    assertThat(codec.parse(request.body())).isEqualTo(event);
  }

  @Test
  void answersBecomeDeliveredRetryableOrRefused() throws Exception {
    sender = HttpEventSender.toRouter(base(), null, Duration.ofSeconds(5));
    EventEnvelope event = SampleEvents.of(EventType.MESH_HEARTBEAT);
    answers.addAll(List.of(503, 429, 408, 422));
    retryAfterSeconds.set(7);

    assertThat(send(event)).isEqualTo(new SendResult.Retryable("event router answered HTTP 503", Duration.ofSeconds(7), null));
    assertThat(send(event)).isEqualTo(new SendResult.Retryable("event router answered HTTP 429", Duration.ofSeconds(7), null));
    assertThat(send(event)).isInstanceOf(SendResult.Retryable.class);
    assertThat(send(event)).isEqualTo(new SendResult.Refused(422, "event router answered HTTP 422"));
    assertThat(received.getFirst().headers()).doesNotContainKey("Authorization");
  }

  @Test
  void anUnreachableReceiverIsRetryable() throws Exception {
    server.stop(0);
    sender = HttpEventSender.toRouter(base(), null, Duration.ofSeconds(2));

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

    Received request = received.getFirst();
    assertThat(request.path()).isEqualTo("/api/v1/webhooks/workers");
    String id = request.headers().get("Webhook-id").getFirst();
    String timestamp = request.headers().get("Webhook-timestamp").getFirst();
    String signature = request.headers().get("Webhook-signature").getFirst();
    assertThat(id).isEqualTo(event.id());
    assertThat(webhooks.verify(id, timestamp, signature, request.body(), Clock.systemUTC(), StandardWebhooks.DEFAULT_TOLERANCE))
        .isEqualTo(StandardWebhooks.Check.VALID);
    assertThat(request.body()).isEqualTo(json);
  }

  @Test
  void aSenderThatWasClosedRefusesNewEventsAsRetryable() throws Exception {
    sender = new HttpEventSender(base().resolve("/api/v1/events"), "event router", null, null, Duration.ofSeconds(1),
        Clock.fixed(Instant.EPOCH, java.time.ZoneOffset.UTC), System::nanoTime);
    sender.close();

    SendResult result = send(SampleEvents.of(EventType.MESH_HEARTBEAT));

    assertThat(result).isInstanceOf(SendResult.Retryable.class);
    assertThat(result.describe()).contains("shutting down");
    assertThat(received).isEmpty();
  }
}
