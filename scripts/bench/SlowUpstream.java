// A model-server stand-in for the worker benchmark, run with `java SlowUpstream.java PORT WORK_MS`:
// POST /v1/embeddings spends WORK_MS then answers a small JSON list (an upstream that does real
// work per request); POST /stream answers an event stream whose first event comes at once and
// the second 100 ms later (time-to-first-byte through a proxy).
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

public class SlowUpstream {
  public static void main(String[] args) throws Exception {
    // Small writes go out at once, as a model server streaming tokens sends them.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    int port = Integer.parseInt(args[0]);
    long workMillis = Long.parseLong(args[1]);
    byte[] answer = "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.1,0.2]}]}"
        .getBytes(StandardCharsets.UTF_8);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/v1/embeddings", exchange -> {
      exchange.getRequestBody().readAllBytes();
      try {
        Thread.sleep(workMillis);
      } catch (InterruptedException e) {
        return;
      }
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    });
    server.createContext("/stream", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write("data: first\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        Thread.sleep(100);
        out.write("data: done\n\n".getBytes(StandardCharsets.UTF_8));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    server.start();
  }
}
