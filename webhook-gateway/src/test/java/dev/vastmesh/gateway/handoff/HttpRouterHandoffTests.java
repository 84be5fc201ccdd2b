package dev.vastmesh.gateway.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
  void eventsThatWaitedPastTheirDeadlineAreFailedWithoutBeingSent() throws Exception {
    AtomicLong now = new AtomicLong();
    router.delay(Duration.ofSeconds(3));
    try (HttpRouterHandoff slow = new HttpRouterHandoff(
        new GatewayProperties.Router(URI.create(router.url()), null, Duration.ofMillis(300)), now::get)) {
      List<CompletableFuture<Throwable>> outcomes = oneSentOneQueued(slow);
      CompletableFuture<Throwable> firstOutcome = outcomes.get(0);
      CompletableFuture<Throwable> secondOutcome = outcomes.get(1);
      now.addAndGet(Duration.ofSeconds(1).toNanos());

      assertThat(firstOutcome.get(10, TimeUnit.SECONDS)).isInstanceOf(EventHandoff.HandoffException.class)
          .hasMessageContaining("unreachable");
      assertThat(secondOutcome.get(10, TimeUnit.SECONDS)).isInstanceOf(EventHandoff.HandoffException.class)
          .hasMessage("event router did not answer in time");
      assertThat(router.started()).isEqualTo(1);
    }
  }

  @Test
  void closingFailsWaitingHandOffsAndRefusesNewOnes() throws Exception {
    router.delay(Duration.ofSeconds(2));
    List<CompletableFuture<Throwable>> outcomes = oneSentOneQueued(handoff);
    CompletableFuture<Throwable> first = outcomes.get(0);
    CompletableFuture<Throwable> second = outcomes.get(1);

    handoff.close();

    assertThat(second.get(10, TimeUnit.SECONDS)).isInstanceOf(EventHandoff.HandoffException.class)
        .hasMessageContaining("shutting down");
    // The batch already with the router is answered by it: close waits for that answer.
    assertThat(first.get(10, TimeUnit.SECONDS)).isNull();
    EventEnvelope late = event(3);
    assertThatThrownBy(() -> handoff.handOff(late, codec.serialize(late)))
        .isInstanceOf(EventHandoff.HandoffException.class).hasMessageContaining("shutting down");
  }

  @Test
  void aBatchStaysWithinItsByteLimit() throws Exception {
    router.delay(Duration.ofMillis(300));
    EventEnvelope blocker = event(0);
    CompletableFuture<Throwable> firstCall = outcome(() -> handoff.handOff(blocker, codec.serialize(blocker)));
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> router.started() == 1);
    // Three events of 400 KB queue up behind the first: at most two fit in one 1 MiB batch.
    byte[] large = ("\"" + "x".repeat(400 * 1024) + "\"").getBytes(StandardCharsets.UTF_8);
    List<CompletableFuture<Throwable>> calls = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      EventEnvelope event = event(10 + i);
      calls.add(outcome(() -> handoff.handOff(event, large)));
    }
    assertThat(firstCall.get(10, TimeUnit.SECONDS)).isNull();
    for (CompletableFuture<Throwable> call : calls) {
      assertThat(call.get(10, TimeUnit.SECONDS)).isNull();
    }
    assertThat(router.received()).hasSize(3);
    assertThat(router.received()).allSatisfy(r -> assertThat(r.body().length()).isLessThanOrEqualTo(HttpRouterHandoff.MAX_BATCH_BYTES));
  }

  /**
   * Hands off one event that the (delayed) router is holding, then a second that waits in the
   * queue behind it; the outcomes of both, in that order.
   */
  private List<CompletableFuture<Throwable>> oneSentOneQueued(HttpRouterHandoff target) throws InterruptedException {
    EventEnvelope first = event(1);
    EventEnvelope second = event(2);
    CompletableFuture<Throwable> sent = outcome(() -> target.handOff(first, codec.serialize(first)));
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> router.started() == 1);
    CompletableFuture<Throwable> queued = outcome(() -> target.handOff(second, codec.serialize(second)));
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> target.waiting() == 1);
    return List.of(sent, queued);
  }

  /** Runs a hand-off on its own thread; completes with its failure, or null when it succeeded. */
  private static CompletableFuture<Throwable> outcome(ThrowingCall call) {
    CompletableFuture<Throwable> result = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try {
        call.run();
        result.complete(null);
      } catch (Exception e) {
        result.complete(e);
      }
    });
    return result;
  }

  private interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void anUnreachableRouterFailsTheHandOff() {
    router.close();
    EventEnvelope event = event(1);

    assertThatThrownBy(() -> handoff.handOff(event, codec.serialize(event)))
        .isInstanceOf(EventHandoff.HandoffException.class).hasMessageContaining("unreachable");
  }
}
