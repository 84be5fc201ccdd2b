package dev.vastmesh.costmonitor.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.costmonitor.config.CostMonitorProperties;
import dev.vastmesh.events.EventFactory;
import dev.vastmesh.events.EventOptions;
import dev.vastmesh.events.payload.CostSampled;
import dev.vastmesh.testsupport.FakeHttpServer;
import dev.vastmesh.transport.HttpEventSender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RouterEventSinkTests {

  private static final CostMonitorProperties.Events CONFIG = new CostMonitorProperties.Events(null, null,
      CostMonitorProperties.Transport.AUTO, "vastmesh:events", 10, 2, Duration.ofMillis(10), Duration.ofMillis(50));

  private final EventFactory factory = EventFactory.create(Clock.systemUTC(), "/vastmesh/cost-monitor");

  @Test
  void costEventsReachTheRouterWithItsToken() {
    try (FakeHttpServer router = FakeHttpServer.start().on("/api/v1/events", request -> FakeHttpServer.Reply.status(202))) {
      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      RouterEventSink sink = new RouterEventSink(HttpEventSender.toRouter(URI.create(router.url()), "router-token", Duration.ofSeconds(5)),
          "HTTP", CONFIG, meters);
      sink.start();
      sink.publish(factory.create(new CostSampled(null, BigDecimal.ONE, BigDecimal.TEN, "USD", Instant.EPOCH, Instant.EPOCH.plusSeconds(60)),
          EventOptions.none()));

      await().atMost(Duration.ofSeconds(10)).until(() -> !router.requests("/api/v1/events").isEmpty());
      sink.stop();

      FakeHttpServer.Request request = router.requests("/api/v1/events").getFirst();
      assertThat(request.header("Authorization")).isEqualTo("Bearer router-token");
      assertThat(request.text()).contains("vastai.cost.sampled");
      assertThat(meters.get("vastmesh.cost.events.published").tag("outcome", "delivered").counter().count()).isEqualTo(1);
    }
  }

  @Test
  void withoutARouterEventsAreCountedAsDropped() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    RouterEventSink sink = new RouterEventSink(null, "", CONFIG, meters);
    sink.start();
    sink.publish(factory.create(new CostSampled(null, BigDecimal.ONE, BigDecimal.TEN, "USD", Instant.EPOCH, Instant.EPOCH), EventOptions.none()));

    assertThat(meters.get("vastmesh.cost.events.published").tag("outcome", "dropped_no_router").counter().count()).isEqualTo(1);
  }
}
