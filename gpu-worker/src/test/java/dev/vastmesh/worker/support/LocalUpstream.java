package dev.vastmesh.worker.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A model server for tests: answers fast, slowly, in a stream, or with an error; records bodies. */
public final class LocalUpstream implements AutoCloseable {

  private final HttpServer server;
  public final List<String> bodies = new CopyOnWriteArrayList<>();
  /** What {@code GET /health} answers; the test changes it. */
  public volatile int healthStatus = 200;
  /** What the benchmark route {@code /bench} answers. */
  public volatile int benchStatus = 200;
  public final java.util.concurrent.atomic.AtomicInteger benchCalls = new java.util.concurrent.atomic.AtomicInteger();
  /** Set when a client of {@code /endless} went away mid-stream. */
  public final java.util.concurrent.CountDownLatch endlessAbandoned = new java.util.concurrent.CountDownLatch(1);

  public LocalUpstream() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/v1/embeddings", exchange -> {
      String body = read(exchange);
      json(exchange, 200, "{\"object\":\"list\",\"echo\":" + body + "}");
    });
    server.createContext("/slow", exchange -> {
      read(exchange);
      sleep(200);
      json(exchange, 200, "{\"slow\":true}");
    });
    server.createContext("/fifo", exchange -> {
      read(exchange);
      sleep(200);
      json(exchange, 200, "{\"fifo\":true}");
    });
    server.createContext("/fail", exchange -> {
      read(exchange);
      json(exchange, 503, "{\"error\":\"model overloaded\"}");
    });
    server.createContext("/stream", exchange -> {
      read(exchange);
      exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write("data: first\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        sleep(400);
        out.write("data: second\n\n".getBytes(StandardCharsets.UTF_8));
      }
    });
    server.createContext("/health", exchange -> {
      exchange.sendResponseHeaders(healthStatus, -1);
      exchange.close();
    });
    server.createContext("/bench", exchange -> {
      read(exchange);
      benchCalls.incrementAndGet();
      sleep(5);
      json(exchange, benchStatus, "{\"data\":[]}");
    });
    server.createContext("/endless", exchange -> {
      read(exchange);
      exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        for (int i = 0; i < 200; i++) {
          out.write(("data: " + i + "\n\n").getBytes(StandardCharsets.UTF_8));
          out.flush();
          sleep(50);
        }
      } catch (IOException gone) {
        endlessAbandoned.countDown();
      }
    });
    server.createContext("/broken", exchange -> {
      // Declares 1,000 bytes, sends 10, and hangs up: a model server that crashed mid-answer.
      read(exchange);
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
    server.createContext("/on-close", exchange -> {
      read(exchange);
      json(exchange, 200, "{}");
    });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private String read(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    bodies.add(body);
    return body;
  }

  private static void json(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
