package dev.vastmesh.worker.support;

import dev.vastmesh.testsupport.FakeHttpServer;
import dev.vastmesh.testsupport.FakeHttpServer.Reply;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model server for tests: answers fast, slowly, in a stream, or with an error; records bodies.
 * The pauses inside its answers (a slow model, a stream produced over time) are what the tests
 * observe, not waits of the tests themselves.
 */
public final class LocalUpstream implements AutoCloseable {

  private final FakeHttpServer server = FakeHttpServer.start();
  public final List<String> bodies = new CopyOnWriteArrayList<>();
  /** What {@code GET /health} answers; the test changes it. */
  public volatile int healthStatus = 200;
  /** What the benchmark route {@code /bench} answers. */
  public volatile int benchStatus = 200;
  public final AtomicInteger benchCalls = new AtomicInteger();
  /** Set when a client of {@code /endless} went away mid-stream. */
  public final CountDownLatch endlessAbandoned = new CountDownLatch(1);
  private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();

  public LocalUpstream() {
    server.on("/v1/embeddings", request -> Reply.json(200, "{\"object\":\"list\",\"echo\":" + recorded(request) + "}"));
    server.on("/slow", request -> {
      recorded(request);
      takeTime("/slow");
      return Reply.json(200, "{\"slow\":true}");
    });
    server.on("/fifo", request -> {
      recorded(request);
      takeTime("/fifo");
      return Reply.json(200, "{\"fifo\":true}");
    });
    server.on("/fail", request -> {
      recorded(request);
      return Reply.json(503, "{\"error\":\"model overloaded\"}");
    });
    server.onExchange("/stream", (request, exchange) -> {
      recorded(request);
      exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write("data: first\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        pause(400);
        out.write("data: second\n\n".getBytes(StandardCharsets.UTF_8));
      }
    });
    server.on("/health", request -> Reply.status(healthStatus));
    server.on("/bench", request -> {
      recorded(request);
      benchCalls.incrementAndGet();
      pause(5);
      return Reply.json(benchStatus, "{\"data\":[]}");
    });
    server.onExchange("/endless", (request, exchange) -> {
      recorded(request);
      exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        for (int i = 0; i < 200; i++) {
          out.write(("data: " + i + "\n\n").getBytes(StandardCharsets.UTF_8));
          out.flush();
          pause(50);
        }
      } catch (IOException gone) {
        endlessAbandoned.countDown();
      }
    });
    server.onExchange("/broken", (request, exchange) -> {
      // Declares 1,000 bytes, sends 10, and hangs up: a model server that crashed mid-answer.
      recorded(request);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, 1000);
      OutputStream out = exchange.getResponseBody();
      out.write("{\"data\":[".getBytes(StandardCharsets.UTF_8));
      out.flush();
      try {
        out.close();
      } catch (IOException insufficientBytes) {
        // Expected; only a handler that throws makes the JDK server drop the connection.
      }
      throw new IllegalStateException("crashed mid-answer");
    });
    server.on("/on-close", request -> {
      recorded(request);
      return Reply.json(200, "{}");
    });
  }

  public String url() {
    return server.url();
  }

  /** How many requests reached {@code path} so far. */
  public int calls(String path) {
    return server.requests(path).size();
  }

  /**
   * Holds every answer of {@code /slow} or {@code /fifo} until {@link #release}, so a test acts
   * while a request is provably in flight instead of hoping it still is.
   */
  public void hold(String path) {
    held.put(path, new CountDownLatch(1));
  }

  public void release(String path) {
    CountDownLatch latch = held.remove(path);
    if (latch != null) {
      latch.countDown();
    }
  }

  /** 200 ms, or until released when the test holds {@code path}. */
  private void takeTime(String path) throws InterruptedException {
    CountDownLatch latch = held.get(path);
    if (latch == null) {
      pause(200);
    } else {
      latch.await(10, TimeUnit.SECONDS);
    }
  }

  private String recorded(FakeHttpServer.Request request) {
    String body = request.text();
    bodies.add(body);
    return body;
  }

  /** A model server taking its time; the JDK server serves each request on its own virtual thread. */
  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
