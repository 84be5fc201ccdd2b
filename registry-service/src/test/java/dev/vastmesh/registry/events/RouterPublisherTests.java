package dev.vastmesh.registry.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vastmesh.events.EventCodec;
import dev.vastmesh.events.EventType;
import dev.vastmesh.events.testing.SampleEvents;
import dev.vastmesh.registry.support.TestProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outbound publisher against a local HTTP server standing in for the event router. */
class RouterPublisherTests {

  private final Queue<String> received = new ConcurrentLinkedQueue<>();
  private final Queue<String> authorizations = new ConcurrentLinkedQueue<>();
  private final AtomicInteger calls = new AtomicInteger();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private HttpServer router;
  private RouterPublisher publisher;

  /** Starts a router that answers with the given statuses in turn, then 202. */
  private URI router(int... statuses) throws IOException {
    router = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    router.createContext("/api/v1/events", exchange -> {
      int call = calls.getAndIncrement();
      received.add(new String(exchange.getRequestBody().readAllBytes()));
      authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      int status = call < statuses.length ? statuses[call] : 202;
      if (status == 429) {
        exchange.getResponseHeaders().add("Retry-After", "0");
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    router.start();
    return URI.create("http://127.0.0.1:" + router.getAddress().getPort());
  }

  private RouterPublisher publisher(URI routerUrl, int bufferSize) {
    publisher = new RouterPublisher(TestProperties.withEvents(TestProperties.events(routerUrl, bufferSize)), meters,
        new org.springframework.beans.factory.support.StaticListableBeanFactory().getBeanProvider(
            org.springframework.data.redis.core.StringRedisTemplate.class));
    return publisher;
  }

  @AfterEach
  void stop() {
    if (publisher != null) {
      publisher.stop();
    }
    if (router != null) {
      router.stop(0);
    }
  }

  @Test
  void deliversTheCanonicalEventWithTheServiceToken() throws Exception {
    RouterPublisher publisher = publisher(router(), 10);
    publisher.start();

    publisher.publish(SampleEvents.of(EventType.MESH_REGISTERED));

    await(() -> received.size() == 1);
    assertThat(EventCodec.standard().parse(received.peek().getBytes())).isEqualTo(SampleEvents.of(EventType.MESH_REGISTERED));
    assertThat(authorizations.peek()).isEqualTo("Bearer router-secret");
    await(() -> counter("delivered") == 1.0);
  }

  @Test
  void retriesUnavailableAndRateLimitedAnswers() throws Exception {
    RouterPublisher publisher = publisher(router(503, 429, 502), 10);
    publisher.start();

    publisher.publish(SampleEvents.of(EventType.MESH_HEARTBEAT));

    await(() -> counter("delivered") == 1.0);
    assertThat(calls.get()).isEqualTo(4);
    assertThat(meters.get("vastmesh.registry.events.retries").counter().count()).isEqualTo(3.0);
  }

  @Test
  void aRefusedEventIsDroppedAndCountedNotRetried() throws Exception {
    RouterPublisher publisher = publisher(router(422), 10);
    publisher.start();

    publisher.publish(SampleEvents.of(EventType.MESH_HEARTBEAT));

    await(() -> counter("dropped_undeliverable") == 1.0);
    assertThat(calls.get()).isEqualTo(1);
  }

  @Test
  void aFullBufferDropsAndCountsInsteadOfBlocking() throws Exception {
    RouterPublisher publisher = publisher(router(), 2);
    // Not started: nothing drains the buffer.
    for (int i = 0; i < 5; i++) {
      publisher.publish(SampleEvents.of(EventType.MESH_HEARTBEAT));
    }

    assertThat(counter("dropped_buffer_full")).isEqualTo(3.0);
    assertThat(meters.get("vastmesh.registry.events.buffered").gauge().value()).isEqualTo(2.0);
  }

  private double counter(String outcome) {
    return meters.get("vastmesh.registry.events.published").tags("outcome", outcome).counter().count();
  }

  private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(10);
    }
  }

}
