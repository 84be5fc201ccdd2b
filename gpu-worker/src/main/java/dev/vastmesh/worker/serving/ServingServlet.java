package dev.vastmesh.worker.serving;

import dev.vastmesh.worker.config.WorkerProperties;
import dev.vastmesh.worker.report.WorkerStatus;
import dev.vastmesh.worker.workload.WorkloadCalculator;
import dev.vastmesh.worker.workload.Workloads;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves every configured route the way Vast's worker does: a signed
 * {@code {auth_data, payload, session_id}} wrapper, or a plain pass-through of the model server's
 * own API for callers holding the worker's token. Status codes are the protocol's: 422 for a body
 * that is not JSON or lacks fields, 401 for a bad signature, 429 when the estimated wait exceeds
 * the handler's max queue time, 410 for an unknown session, 500 when the model server fails, and
 * otherwise the model server's own status, headers and body, streamed as they arrive.
 *
 * <p>A plain servlet mapped to exactly the configured routes, not a controller: the hot path skips
 * the framework's handler lookup and argument binding (the worker's throughput steps are in
 * docs/benchmarks.md).
 */
class ServingServlet extends HttpServlet {

  private static final Logger log = LoggerFactory.getLogger(ServingServlet.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** A served route with its meters, built once: a meter lookup per request is measurable. */
  private record Route(WorkerProperties.Handler handler, WorkloadCalculator workload, Timer queueWait, Timer upstream,
      Counter rejectedLoad) {
  }

  private final Map<String, Route> routes = new HashMap<>();
  private final Callers callers;
  private final Sessions sessions;
  private final Admission admission;
  private final WorkerStatus status;
  private final MeterRegistry meters;
  private final ModelServer modelServer;
  private final Map<String, Map<String, Counter>> outcomes = new ConcurrentHashMap<>();
  private final CopyBuffers buffers = new CopyBuffers(8192, 256);

  ServingServlet(WorkerProperties properties, Callers callers, Sessions sessions, Admission admission, WorkerStatus status,
      ModelServer modelServer, MeterRegistry meters) {
    this.modelServer = modelServer;
    this.callers = callers;
    this.sessions = sessions;
    this.status = status;
    this.admission = admission;
    this.meters = meters;
    for (WorkerProperties.Handler handler : properties.handlers()) {
      String route = handler.route();
      routes.put(route, new Route(handler, Workloads.parse(handler.workload()),
          Timer.builder("vastmesh.worker.queue.wait").description("time a request waited for its turn").tag("route", route).register(meters),
          Timer.builder("vastmesh.worker.upstream").description("model server time, to the end of its answer").tag("route", route).register(meters),
          Counter.builder("vastmesh.worker.rejected.load").description("workload refused with 429").tag("route", route).register(meters)));
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    try {
      serve(request, response);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      response.sendError(503);
    }
  }

  private void serve(HttpServletRequest request, HttpServletResponse response) throws IOException, InterruptedException {
    String path = request.getRequestURI();
    Route route = routes.get(path);
    if (route == null) {
      respond(response, 404, "{\"error\":\"no handler for this route\"}", path, "unknown_route");
      return;
    }
    int maxBytes = (int) route.handler().maxRequestSize().toBytes();
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      // A declared length over the cap is refused before a byte is read.
      body = RequestBodies.read(in, request.getContentLengthLong(), maxBytes);
    }
    if (body == null) {
      // The unread rest of the body is not worth reading to keep the connection.
      response.setHeader("Connection", "close");
      // RFC 9457, with the protocol's error member beside the problem's, for Vast-style clients.
      respond(response, 413, "application/problem+json", "{\"type\":\"https://vastmesh.dev/problems/payload-too-large\","
          + "\"title\":\"Payload too large\",\"status\":413,\"detail\":\"the request body exceeds " + maxBytes + " bytes\","
          + "\"error\":\"request body too large\"}", path, "too_large");
      return;
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      respond(response, 422, "{\"error\":\"invalid JSON\"}", path, "invalid_json");
      return;
    }
    byte[] forward;
    JsonNode payload;
    long requestIdx = -1;
    switch (callers.check(root, request.getHeader("Authorization"))) {
      case Callers.Refused refused -> {
        respond(response, refused.status(), refused.body(), path, refused.outcome());
        return;
      }
      case Callers.Signed signed -> {
        if (signed.sessionId() != null && sessions.use(signed.sessionId()).isEmpty()) {
          respond(response, 410, "{\"error\":\"invalid session\"}", path, "invalid_session");
          return;
        }
        payload = signed.payload();
        forward = JSON.writeValueAsBytes(payload);
        requestIdx = signed.requestIdx();
      }
      case Callers.Bearer bearer -> {
        payload = bearer.payload();
        forward = body;
      }
    }
    double workload = route.workload().safely(payload);
    double wait = admission.estimatedWaitSeconds();
    if (wait > route.handler().maxQueueTime().toMillis() / 1000.0) {
      route.rejectedLoad().increment(workload);
      status.rejected(workload);
      respond(response, 429, "{\"error\":\"estimated queue time exceeds the handler's maximum\"}", path, "queue_full");
      return;
    }
    admission.enter(workload);
    status.received(requestIdx, workload);
    boolean fifo = !route.handler().allowParallelRequests();
    long queued = System.nanoTime();
    double enteredAt = System.currentTimeMillis() / 1000.0;
    Result result = Result.FAILED;
    double startedAt = enteredAt;
    try {
      if (fifo) {
        admission.acquireFifo();
      }
      startedAt = System.currentTimeMillis() / 1000.0;
      route.queueWait().record(System.nanoTime() - queued, TimeUnit.NANOSECONDS);
      try {
        result = proxy(route, path, forward, response);
      } finally {
        if (fifo) {
          admission.releaseFifo();
        }
      }
    } finally {
      admission.leave(workload);
      status.finished(new WorkerStatus.Finished(requestIdx, result == Result.SUCCEEDED, result.status, enteredAt, startedAt,
          System.currentTimeMillis() / 1000.0), workload, result == Result.CANCELLED);
    }
  }

  /** How a forwarded request ended, with the protocol's status word for it. */
  private enum Result {
    SUCCEEDED("Success"), FAILED("Error"), CANCELLED("Cancelled");

    final String status;

    Result(String status) {
      this.status = status;
    }
  }

  /**
   * Copies the model server's answer; streams that are streams go through as they arrive. A client
   * that goes away is the protocol's 499: the model server's answer is abandoned (closing its
   * stream cancels the upstream exchange) and the request counts as cancelled.
   */
  private Result proxy(Route route, String path, byte[] body, HttpServletResponse response) throws IOException {
    long started = System.nanoTime();
    ModelServer.Answer upstream;
    try {
      upstream = modelServer.post(path, body);
    } catch (IOException e) {
      log.warn("model server call to {} failed: {}", path, e.toString());
      respond(response, 500, "{\"error\":\"model server unavailable\"}", path, "upstream_failed");
      return Result.FAILED;
    }
    String outcome;
    Result result;
    try (upstream) {
      response.setStatus(upstream.status());
      String contentType = upstream.contentType();
      if (contentType != null) {
        response.setContentType(contentType);
      }
      boolean stream = upstream.chunked() || contentType != null && (contentType.startsWith("text/event-stream")
          || contentType.startsWith("application/x-ndjson") || contentType.startsWith("application/jsonl"));
      if (stream) {
        // The client learns at once that a stream is coming, as it would from the model server.
        response.flushBuffer();
      } else if (upstream.contentLength() >= 0) {
        // Passed on as declared: an answer larger than the output buffer would otherwise go out
        // chunked. Should the model server break off, the client sees a short body, as it would
        // from the model server itself.
        response.setContentLengthLong(upstream.contentLength());
      }
      boolean ok = upstream.status() / 100 == 2;
      outcome = ok ? "ok" : "upstream_" + upstream.status() / 100 + "xx";
      result = ok ? Result.SUCCEEDED : Result.FAILED;
      InputStream in = upstream.body();
      OutputStream out = response.getOutputStream();
      byte[] buffer = buffers.take();
      int n;
      while (true) {
        try {
          n = in.read(buffer);
        } catch (IOException upstreamBroke) {
          log.warn("model server answer for {} broke off: {}", path, upstreamBroke.toString());
          outcome = "upstream_failed";
          result = Result.FAILED;
          upstream.abandon();
          break;
        }
        if (n < 0) {
          break;
        }
        try {
          out.write(buffer, 0, n);
          if (stream) {
            out.flush();
          }
        } catch (IOException clientGone) {
          outcome = "client_disconnected";
          result = Result.CANCELLED;
          upstream.abandon();
          log.debug("client left during {}: {}", path, clientGone.toString());
          break;
        }
      }
      buffers.give(buffer);
    }
    route.upstream().record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    count(path, outcome);
    return result;
  }

  private void respond(HttpServletResponse response, int status, String json, String path, String outcome) throws IOException {
    respond(response, status, "application/json", json, path, outcome);
  }

  private void respond(HttpServletResponse response, int status, String contentType, String json, String path, String outcome)
      throws IOException {
    response.setStatus(status);
    response.setContentType(contentType);
    response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    count(path, outcome);
  }

  private void count(String path, String outcome) {
    // Route is bounded: unknown paths count as one label.
    String route = routes.containsKey(path) ? path : "unknown";
    outcomes.computeIfAbsent(route, r -> new ConcurrentHashMap<>()).computeIfAbsent(outcome, o -> Counter.builder("vastmesh.worker.requests")
        .description("requests by route and outcome").tag("route", route).tag("outcome", o).register(meters)).increment();
  }
}
