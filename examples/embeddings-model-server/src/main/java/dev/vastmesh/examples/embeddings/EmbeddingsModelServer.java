package dev.vastmesh.examples.embeddings;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * The demo's model server, a real embeddings model: all-MiniLM-L6-v2
 * (quantised, from the Maven-published in-process model) on the CPU behind
 * {@code POST /v1/embeddings}, with {@code GET /health}. Like a Python model server it starts
 * listening at once, loads the model, then logs {@value #LOADED} — the line a gpu-worker's
 * on-load action waits for; until then the API answers 503.
 *
 * <p>Options ({@code --name=value}, or the environment variable in brackets): {@code port} [PORT,
 * 8000], {@code log-file} [MODEL_LOG], {@code max-inputs} (256), {@code max-input-chars} (8192),
 * {@code threads} (inference threads; the processor count).
 */
public final class EmbeddingsModelServer {

  static final String LOADED = "Application startup complete.";
  private static final int MAX_BODY = 4 * 1024 * 1024;

  private final HttpServer server;
  private final ModelLog log;
  private final EmbeddingsApi api;
  private final ExecutorService inference;
  private volatile @Nullable EmbeddingModel model;

  private EmbeddingsModelServer(int port, @Nullable Path logFile, int maxInputs, int maxInputChars, int threads) throws IOException {
    this.log = new ModelLog(logFile);
    this.api = new EmbeddingsApi(maxInputs, maxInputChars);
    // Inference is CPU work: a fixed pool, so a burst queues instead of thrashing the cores.
    this.inference = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("inference-", 0).daemon().factory());
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
    // Requests wait on virtual threads; only the model's own work runs on the inference pool
    // (sharing one pool would let waiting requests starve the work they wait for).
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/v1/embeddings", this::embeddings);
    server.createContext("/health", this::health);
  }

  public static void main(String[] args) throws IOException {
    Options options = new Options(args);
    EmbeddingsModelServer server = new EmbeddingsModelServer(options.integer("port", "PORT", 8000),
        options.path("log-file", "MODEL_LOG"), options.integer("max-inputs", null, 256),
        options.integer("max-input-chars", null, 8192),
        options.integer("threads", null, Runtime.getRuntime().availableProcessors()));
    server.start();
  }

  private void start() {
    server.start();
    log.info("Started server process [" + ProcessHandle.current().pid() + "], listening on http://127.0.0.1:"
        + server.getAddress().getPort());
    log.info("Waiting for application startup: loading " + EmbeddingsApi.MODEL);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("Shutting down");
      server.stop(1);
    }));
    try {
      long started = System.nanoTime();
      AllMiniLmL6V2QuantizedEmbeddingModel loaded = new AllMiniLmL6V2QuantizedEmbeddingModel(inference);
      loaded.embed("warm-up");
      model = loaded;
      log.info(String.format("model %s loaded in %.1f s (%d dimensions)", EmbeddingsApi.MODEL, (System.nanoTime() - started) / 1e9,
          loaded.dimension()));
      log.info(LOADED);
    } catch (RuntimeException | LinkageError e) {
      log.error("RuntimeError: the model failed to load: " + e);
    }
  }

  private void embeddings(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")) {
        send(exchange, new EmbeddingsApi.Answer(405, "{\"error\":{\"message\":\"use POST\",\"type\":\"invalid_request_error\"}}"
            .getBytes(StandardCharsets.UTF_8)));
        return;
      }
      EmbeddingModel current = model;
      if (current == null) {
        send(exchange, new EmbeddingsApi.Answer(503, "{\"error\":{\"message\":\"the model is loading\",\"type\":\"server_error\"}}"
            .getBytes(StandardCharsets.UTF_8)));
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      if (body.length > MAX_BODY) {
        send(exchange, EmbeddingsApi.error("the body is larger than " + MAX_BODY + " bytes"));
        return;
      }
      send(exchange, api.embed(body, current));
    } catch (RuntimeException e) {
      log.error("embeddings request failed: " + e);
    }
  }

  private void health(HttpExchange exchange) throws IOException {
    try (exchange) {
      boolean ready = model != null;
      send(exchange, new EmbeddingsApi.Answer(ready ? 200 : 503,
          ("{\"status\":\"" + (ready ? "ok" : "loading") + "\",\"model\":\"" + EmbeddingsApi.MODEL + "\"}").getBytes(StandardCharsets.UTF_8)));
    }
  }

  private static void send(HttpExchange exchange, EmbeddingsApi.Answer answer) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), answer.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer.body());
    }
  }
}
