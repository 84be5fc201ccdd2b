package dev.vastmesh.gateway.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A local HTTP server standing in for the event router: records events, can be switched down. */
public final class FakeRouter implements AutoCloseable {

  /** One request the router received. */
  public record Received(String authorization, String contentType, String body) {
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile int status = 202;
  private volatile long delayMillis;
  private final AtomicInteger started = new AtomicInteger();

  public FakeRouter() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/api/v1/events", exchange -> {
      started.incrementAndGet();
      String body = new String(exchange.getRequestBody().readAllBytes());
      if (delayMillis > 0) {
        try {
          Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (status / 100 == 2) {
        received.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"),
            exchange.getRequestHeaders().getFirst("Content-Type"), body));
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Answer every event with this status from now on (e.g. 503 to simulate an outage). */
  public void answer(int status) {
    this.status = status;
  }

  /** Take this long to answer (so concurrent hand-offs pile up into batches). */
  public void delay(java.time.Duration delay) {
    this.delayMillis = delay.toMillis();
  }

  /** Requests that reached the router, answered or not yet. */
  public int started() {
    return started.get();
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  public void clear() {
    received.clear();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
