package dev.vastmesh.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * A local HTTP server standing in for any peer of a service under test (the router, an agent,
 * the registry, Vast's autoscaler, a model server). It listens on a port the OS picks, records
 * every request in arrival order, and answers through the handlers a test registers per path
 * prefix; a path without a handler gets 404. Requests are served on virtual threads, so a slow
 * or held handler never blocks the others.
 */
public final class FakeHttpServer implements AutoCloseable {

  /** One request as the server read it. Header names are lower case. */
  public record Request(String method, String path, @Nullable String query, Map<String, List<String>> headers, byte[] body) {

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public @Nullable String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.getFirst();
    }
  }

  /** An answer: status, headers and body (empty for none). */
  public record Reply(int status, Map<String, String> headers, byte[] body) {

    public static Reply status(int status) {
      return new Reply(status, Map.of(), new byte[0]);
    }

    public static Reply json(int status, String json) {
      return new Reply(status, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
    }

    public static Reply text(int status, String contentType, String text) {
      return new Reply(status, Map.of("Content-Type", contentType), text.getBytes(StandardCharsets.UTF_8));
    }

    public Reply withHeader(String name, String value) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(name, value);
      return new Reply(status, Map.copyOf(more), body);
    }
  }

  /** Answers one request; an exception becomes a 500 carrying its message. */
  @FunctionalInterface
  public interface Handler {
    Reply answer(Request request) throws Exception;
  }

  /**
   * Writes the answer itself, for what a {@link Reply} cannot say: a stream produced over time,
   * an answer broken off midway. The body is already read (it is in {@code request}).
   */
  @FunctionalInterface
  public interface ExchangeHandler {
    void handle(Request request, HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private FakeHttpServer() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  /** A server listening on 127.0.0.1 on a port the OS chose, with no handlers yet. */
  public static FakeHttpServer start() {
    return new FakeHttpServer();
  }

  /** Answers requests whose path starts with {@code pathPrefix} (the longest prefix wins). */
  public FakeHttpServer on(String pathPrefix, Handler handler) {
    return onExchange(pathPrefix, (request, exchange) -> {
      Reply reply;
      try {
        reply = handler.answer(request);
      } catch (Exception e) {
        reply = Reply.text(500, "text/plain", String.valueOf(e));
      }
      send(exchange, reply);
    });
  }

  /** Like {@link #on}, for a handler that writes the exchange itself. */
  public FakeHttpServer onExchange(String pathPrefix, ExchangeHandler handler) {
    server.createContext(pathPrefix, exchange -> {
      try (exchange) {
        Request request = read(exchange);
        requests.add(request);
        handler.handle(request, exchange);
      }
    });
    return this;
  }

  /** The base URL, {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Every request received so far, in arrival order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The requests received so far whose path starts with {@code pathPrefix}. */
  public List<Request> requests(String pathPrefix) {
    return requests.stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
  }

  /** Forgets the requests received so far. */
  public void clearRequests() {
    requests.clear();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static Request read(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    return new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
        Map.copyOf(headers), body);
  }

  private static void send(HttpExchange exchange, Reply reply) throws IOException {
    reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    boolean empty = reply.body().length == 0;
    exchange.sendResponseHeaders(reply.status(), empty ? -1 : reply.body().length);
    if (!empty) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply.body());
      }
    }
  }
}
