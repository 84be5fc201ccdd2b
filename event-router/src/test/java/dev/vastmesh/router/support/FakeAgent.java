package dev.vastmesh.router.support;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import dev.vastmesh.events.EventCodec;
import dev.vastmesh.events.EventEnvelope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * An agent for tests: verifies every delivery's signature with the reference Standard Webhooks
 * library (an implementation independent of ours), records what it accepted, and answers with
 * scripted statuses.
 */
public final class FakeAgent implements AutoCloseable {

  /** One accepted delivery. */
  public record Received(String webhookId, EventEnvelope event, long atNanos) {
  }

  private final HttpServer server;
  private final Webhook verifier;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<Long> attemptTimes = new CopyOnWriteArrayList<>();
  private final Deque<int[]> script = new ArrayDeque<>();
  private volatile int status = 200;
  private volatile int badSignatures;
  private volatile long delayMillis;

  public FakeAgent(String secret) {
    this.verifier = new Webhook(secret);
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/events", exchange -> {
      attemptTimes.add(System.nanoTime());
      if (delayMillis > 0) {
        try {
          Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, List<String>> headers = new java.util.HashMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
      try {
        verifier.verify(body, headers);
      } catch (Exception e) {
        badSignatures++;
        exchange.sendResponseHeaders(401, -1);
        exchange.close();
        return;
      }
      int answer;
      int retryAfter = -1;
      synchronized (script) {
        int[] next = script.poll();
        answer = next != null ? next[0] : status;
        retryAfter = next != null && next.length > 1 ? next[1] : -1;
      }
      if (answer / 100 == 2) {
        received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
            EventCodec.standard().parse(body.getBytes(StandardCharsets.UTF_8)), System.nanoTime()));
      }
      if (retryAfter >= 0) {
        exchange.getResponseHeaders().add("Retry-After", Integer.toString(retryAfter));
      }
      exchange.sendResponseHeaders(answer, -1);
      exchange.close();
    });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/events";
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
    server.stop(0);
  }
}
