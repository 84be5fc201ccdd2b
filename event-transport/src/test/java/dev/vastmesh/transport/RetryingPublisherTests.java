package dev.vastmesh.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.events.EventCodec;
import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.EventType;
import dev.vastmesh.events.testing.SampleEvents;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Buffering and retrying over a scripted sender. */
class RetryingPublisherTests {

  /** Answers with the scripted results in turn, then delivers; records each attempt. */
  private static final class ScriptedSender implements EventSender {
    final Queue<SendResult> script = new ConcurrentLinkedQueue<>();
    final List<String> attempts = new CopyOnWriteArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean hold;
    volatile boolean closed;

    @Override
    public SendResult send(EventEnvelope event, byte[] json) throws InterruptedException {
      if (hold) {
        release.await();
      }
      attempts.add(event.id());
      SendResult next = script.poll();
      return next == null ? SendResult.DELIVERED : next;
    }

    @Override
    public String mode() {
      return "scripted";
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** Records what the publisher reported. */
  private static final class Recorder implements RetryingPublisher.Listener {
    final List<String> outcomes = new CopyOnWriteArrayList<>();
    final List<Duration> waits = new CopyOnWriteArrayList<>();

    @Override
    public void delivered(EventEnvelope event) {
      outcomes.add("delivered " + event.id());
    }

    @Override
    public void retrying(EventEnvelope event, int attempt, SendResult.Retryable result, Duration wait) {
      outcomes.add("retrying " + attempt + " " + result.reason());
      waits.add(wait);
    }

    @Override
    public void refused(EventEnvelope event, SendResult.Refused result) {
      outcomes.add("refused " + result.status());
    }

    @Override
    public void gaveUp(EventEnvelope event, int attempts, SendResult.Retryable last) {
      outcomes.add("gave up after " + attempts);
    }

    @Override
    public void overflowed(EventEnvelope event) {
      outcomes.add("overflowed");
    }
  }

  private final ScriptedSender sender = new ScriptedSender();
  private final Recorder recorder = new Recorder();
  private final EventEnvelope event = SampleEvents.of(EventType.MESH_HEARTBEAT);
  private RetryingPublisher publisher = publisher(10, 3);

  private RetryingPublisher publisher(int buffer, int attempts) {
    return new RetryingPublisher("test-sender", sender, buffer, attempts,
        Backoff.exponential(Duration.ofMillis(5), Duration.ofMillis(20)), EventCodec.standard(), recorder);
  }

  @AfterEach
  void stop() {
    sender.release.countDown();
    publisher.stop(Duration.ofSeconds(1));
  }

  @Test
  void retryableFailuresAreRetriedWithTheBackoffUntilDelivered() {
    sender.script.addAll(List.of(new SendResult.Retryable("event router answered HTTP 503"),
        new SendResult.Retryable("event router answered HTTP 429", Duration.ZERO, null)));
    publisher.start();

    publisher.publish(event);

    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.outcomes.contains("delivered " + event.id()));
    assertThat(recorder.outcomes).containsExactly("retrying 1 event router answered HTTP 503", "retrying 2 event router answered HTTP 429",
        "delivered " + event.id());
    assertThat(recorder.waits.get(0)).isBetween(Duration.ofMillis(2), Duration.ofMillis(5));
    // The receiver's Retry-After wins over the back-off.
    assertThat(recorder.waits.get(1)).isEqualTo(Duration.ZERO);
    assertThat(sender.attempts).hasSize(3);
  }

  @Test
  void aRefusedEventIsNotRetried() {
    sender.script.add(new SendResult.Refused(422, "event router answered HTTP 422"));
    publisher.start();

    publisher.publish(event);

    await().atMost(Duration.ofSeconds(10)).until(() -> !recorder.outcomes.isEmpty());
    assertThat(recorder.outcomes).containsExactly("refused 422");
    assertThat(sender.attempts).hasSize(1);
  }

  @Test
  void afterTheLastAttemptTheEventIsGivenUpAndTheNextOneSent() {
    for (int i = 0; i < 3; i++) {
      sender.script.add(new SendResult.Retryable("event router unreachable: ConnectException"));
    }
    EventEnvelope next = SampleEvents.of(EventType.MESH_REGISTERED);
    publisher.start();

    publisher.publish(event);
    publisher.publish(next);

    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.outcomes.contains("delivered " + next.id()));
    assertThat(recorder.outcomes).containsSubsequence("retrying 2 event router unreachable: ConnectException", "gave up after 3",
        "delivered " + next.id());
  }

  @Test
  void aFullBufferRefusesTheNewEventWithoutBlocking() {
    publisher = publisher(2, 3);
    // Not started: nothing drains the buffer.
    assertThat(publisher.publish(event)).isTrue();
    assertThat(publisher.publish(event)).isTrue();
    assertThat(publisher.publish(event)).isFalse();

    assertThat(recorder.outcomes).containsExactly("overflowed");
    assertThat(publisher.buffered()).isEqualTo(2);
  }

  @Test
  void stoppingSendsWhatIsBufferedWithinTheGraceThenClosesTheSender() {
    sender.hold = true;
    publisher.start();
    publisher.publish(event);
    publisher.publish(event);
    await().atMost(Duration.ofSeconds(10)).until(() -> publisher.buffered() == 1);

    sender.release.countDown();
    int left = publisher.stop(Duration.ofSeconds(10));

    assertThat(left).isZero();
    assertThat(sender.attempts).hasSize(2);
    assertThat(sender.closed).isTrue();
  }
}
