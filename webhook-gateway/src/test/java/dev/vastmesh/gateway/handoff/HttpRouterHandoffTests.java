package dev.vastmesh.gateway.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastmesh.events.EventCodec;
import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.EventType;
import dev.vastmesh.events.testing.SampleEvents;
import dev.vastmesh.gateway.config.GatewayProperties;
import dev.vastmesh.gateway.support.FakeRouter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Group commit to the router: concurrent hand-offs share round trips, and each still waits for its acknowledgement. */
class HttpRouterHandoffTests {

  private final FakeRouter router = new FakeRouter();
  private final HttpRouterHandoff handoff = new HttpRouterHandoff(
      new GatewayProperties.Router(URI.create(router.url()), "router-token", Duration.ofSeconds(5)));
  private final EventCodec codec = EventCodec.standard();

  @AfterEach
  void stop() {
    handoff.close();
    router.close();
  }

  private EventEnvelope event(int n) {
    EventEnvelope sample = SampleEvents.of(EventType.MESH_HEARTBEAT);
    return new EventEnvelope("evt-" + n, sample.source(), sample.type(), sample.time(), sample.subject(), null, null, null, sample.data());
  }

  @Test
  void concurrentHandOffsTravelInBatchesAndAllAreAcknowledged() throws Exception {
    router.delay(Duration.ofMillis(50));
    ExecutorService callers = Executors.newFixedThreadPool(40);
    List<Future<?>> calls = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      EventEnvelope event = event(i);
      calls.add(callers.submit(() -> {
        handoff.handOff(event, codec.serialize(event));
        return null;
      }));
    }
    for (Future<?> call : calls) {
      call.get(30, TimeUnit.SECONDS);
    }
    callers.shutdown();

    Set<String> delivered = new HashSet<>();
    boolean sawBatch = false;
    for (FakeRouter.Received received : router.received()) {
      assertThat(received.authorization()).isEqualTo("Bearer router-token");
      JsonNode body = codec.readTree(received.body().getBytes(StandardCharsets.UTF_8));
      if (body.isArray()) {
        sawBatch = true;
        assertThat(received.contentType()).isEqualTo("application/cloudevents-batch+json");
        body.forEach(e -> delivered.add(codec.parse(e).id()));
      } else {
        assertThat(received.contentType()).isEqualTo("application/cloudevents+json");
        delivered.add(codec.parse(body).id());
      }
    }
    assertThat(delivered).hasSize(200);
    assertThat(sawBatch).isTrue();
    assertThat(router.received().size()).isLessThan(200);
  }

  @Test
  void aRefusedBatchFailsEveryHandOffInIt() {
    router.answer(503);
    EventEnvelope event = event(1);

    assertThatThrownBy(() -> handoff.handOff(event, codec.serialize(event)))
        .isInstanceOf(EventHandoff.HandoffException.class).hasMessageContaining("503");
  }

  @Test
  void anUnreachableRouterFailsTheHandOff() {
    router.close();
    EventEnvelope event = event(1);

    assertThatThrownBy(() -> handoff.handOff(event, codec.serialize(event)))
        .isInstanceOf(EventHandoff.HandoffException.class).hasMessageContaining("unreachable");
  }
}
