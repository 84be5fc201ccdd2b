package dev.vastmesh.worker.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * registry-service's contract for tests: records every call as {@code METHOD path bearer body};
 * registration answers 201 with a numbered instance token; heartbeat number {@code expireAt}
 * answers 404, as when the registration expired.
 */
public final class RegistryDouble implements AutoCloseable {

  private final HttpServer server;
  public final List<String> calls = new CopyOnWriteArrayList<>();
  private final AtomicInteger heartbeats = new AtomicInteger();
  private final AtomicInteger registrations = new AtomicInteger();

  /** @param expireAt the heartbeat (1-based) that finds the registration gone; 0 for never */
  public RegistryDouble(int expireAt) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/api/v1/vastai/registry/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
      String path = exchange.getRequestURI().getPath();
      calls.add(exchange.getRequestMethod() + " " + path + " " + auth + " " + body);
      int status = 200;
      String answer = "{}";
      if (path.endsWith("/register")) {
        status = 201;
        answer = "{\"instance\":{},\"instance_token\":\"vmi_token" + registrations.incrementAndGet() + "\"}";
      } else if (path.endsWith("/heartbeat")) {
        status = heartbeats.incrementAndGet() == expireAt ? 404 : 200;
      } else if (exchange.getRequestMethod().equals("DELETE")) {
        status = 204;
      }
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
      if (status != 204) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
      exchange.close();
    });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public long count(String fragment) {
    return calls.stream().filter(c -> c.contains(fragment)).count();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
