package dev.vastmesh.router.support;

import com.standardwebhooks.Webhook;
import dev.vastmesh.events.EventCodec;
import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.testsupport.FakeHttpServer;
import dev.vastmesh.testsupport.FakeHttpServer.Reply;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An agent for tests: verifies every delivery's signature with the reference Standard Webhooks
 * library (an implementation independent of ours), records what it accepted, and answers with
 * scripted statuses.
 */
public final class FakeAgent implements AutoCloseable {

  /** One accepted delivery. */
  public record Received(String webhookId, EventEnvelope event, long atNanos) {
  }

  private final FakeHttpServer server = FakeHttpServer.start();
  private final Webhook verifier;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<Long> attemptTimes = new CopyOnWriteArrayList<>();
  private final Deque<int[]> script = new ArrayDeque<>();
  private volatile int status = 200;
  private volatile int badSignatures;
  private volatile long delayMillis;

  public FakeAgent(String secret) {
    this.verifier = new Webhook(secret);
    server.on("/events", request -> {
      attemptTimes.add(System.nanoTime());
      if (delayMillis > 0) {
        // A slow agent: the router's lanes drain slowly while this handler takes its time.
        Thread.sleep(delayMillis);
      }
      try {
        verifier.verify(request.text(), request.headers());
      } catch (Exception e) {
        badSignatures++;
        return Reply.status(401);
      }
      int answer;
      int retryAfter;
      synchronized (script) {
        int[] next = script.poll();
        answer = next != null ? next[0] : status;
        retryAfter = next != null && next.length > 1 ? next[1] : -1;
      }
      if (answer / 100 == 2) {
        received.add(new Received(request.header("webhook-id"), EventCodec.standard().parse(request.body()), System.nanoTime()));
      }
      Reply reply = Reply.status(answer);
      return retryAfter >= 0 ? reply.withHeader("Retry-After", Integer.toString(retryAfter)) : reply;
    });
  }

  public String url() {
    return server.url() + "/events";
  }

  /** Answer the next deliveries with these statuses, in turn, then the default. */
  public void thenAnswer(int... statuses) {
    synchronized (script) {
      for (int s : statuses) {
        script.add(new int[] {s});
      }
    }
  }

  /** Answer the next delivery with {@code status} and a Retry-After of {@code seconds}. */
  public void thenAnswerWithRetryAfter(int status, int seconds) {
    synchronized (script) {
      script.add(new int[] {status, seconds});
    }
  }

  /** Take this long over every delivery (a slow agent, so a stream drains slowly). */
  public void delay(java.time.Duration delay) {
    this.delayMillis = delay.toMillis();
  }

  /** The default answer from now on. */
  public void answer(int status) {
    this.status = status;
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  public List<Long> attemptTimes() {
    return List.copyOf(attemptTimes);
  }

  public int badSignatures() {
    return badSignatures;
  }

  public void reset() {
    received.clear();
    attemptTimes.clear();
    synchronized (script) {
      script.clear();
    }
    status = 200;
  }

  @Override
  public void close() {
    server.close();
  }
}
