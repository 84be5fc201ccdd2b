package dev.vastmesh.registry.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.events.EventCodec;
import dev.vastmesh.events.EventType;
import dev.vastmesh.events.testing.SampleEvents;
import dev.vastmesh.registry.support.TestProperties;
import dev.vastmesh.testsupport.FakeHttpServer;
import dev.vastmesh.testsupport.FakeHttpServer.Reply;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
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
  private FakeHttpServer router;
  private RouterPublisher publisher;

  /** Starts a router that answers with the given statuses in turn, then 202. */
  private URI router(int... statuses) {
    router = FakeHttpServer.start().on("/api/v1/events", request -> {
      int call = calls.getAndIncrement();
      received.add(request.text());
      authorizations.add(String.valueOf(request.header("Authorization")));
      int status = call < statuses.length ? statuses[call] : 202;
      return status == 429 ? Reply.status(status).withHeader("Retry-After", "0") : Reply.status(status);
    });
    return URI.create(router.url());
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
      router.close();
    }
  }

  @Test
  void deliversTheCanonicalEventWithTheServiceToken() throws Exception {
    RouterPublisher publisher = publisher(router(), 10);
    publisher.start();

    publisher.publish(SampleEvents.of(EventType.MESH_REGISTERED));

    await().until(() -> received.size() == 1);
    assertThat(EventCodec.standard().parse(received.peek().getBytes())).isEqualTo(SampleEvents.of(EventType.MESH_REGISTERED));
    assertThat(authorizations.peek()).isEqualTo("Bearer router-secret");
    await().until(() -> counter("delivered") == 1.0);
  }

  @Test
  void retriesUnavailableAndRateLimitedAnswers() throws Exception {
    RouterPublisher publisher = publisher(router(503, 429, 502), 10);
    publisher.start();

    publisher.publish(SampleEvents.of(EventType.MESH_HEARTBEAT));

    await().until(() -> counter("delivered") == 1.0);
    assertThat(calls.get()).isEqualTo(4);
    assertThat(meters.get("vastmesh.registry.events.retries").counter().count()).isEqualTo(3.0);
  }

  @Test
  void aRefusedEventIsDroppedAndCountedNotRetried() throws Exception {
    RouterPublisher publisher = publisher(router(422), 10);
    publisher.start();

    publisher.publish(SampleEvents.of(EventType.MESH_HEARTBEAT));

    await().until(() -> counter("dropped_undeliverable") == 1.0);
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
}
