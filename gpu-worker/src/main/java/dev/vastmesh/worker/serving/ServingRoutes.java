package dev.vastmesh.worker.serving;

import dev.vastmesh.worker.config.WorkerProperties;
import dev.vastmesh.worker.report.WorkerStatus;
import dev.vastmesh.worker.workload.WorkloadCalculator;
import dev.vastmesh.worker.workload.Workloads;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves every configured route the way Vast's worker does: a signed
 * {@code {auth_data, payload, session_id}} wrapper, or a plain pass-through of the model server's
 * own API for callers holding the worker's token. Status codes are the protocol's: 413 for a body
 * over the handler's cap, 422 for a body that is not JSON or lacks fields, 401 for a bad
 * signature, 429 when the estimated wait exceeds the handler's max queue time, 410 for an unknown
 * session, 500 when the model server fails, and otherwise the model server's own status, headers
 * and body, streamed as they arrive.
 *
 * <p>These are Reactor Netty routes ahead of Spring WebFlux, on the same listener: a proxied
 * request is read, checked, forwarded and answered on one event loop, with no thread hand-off and
 * no framework dispatch. With a servlet container on virtual threads the same work measured
 * 86-91 % of a direct call's throughput against a 5 ms model server; on the event loop it is
 * within a few per cent of direct (docs/performance.md). Everything else on the port (sessions,
 * actuator, unknown routes) is WebFlux's. Nothing on this path blocks: a FIFO handler's turn is
 * awaited without a thread ({@link FifoTurns}).
 */
final class ServingRoutes implements NettyRouteProvider {

  private static final Logger log = LoggerFactory.getLogger(ServingRoutes.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String JSON_TYPE = "application/json";
  private static final byte[] INVALID_JSON = bytes("{\"error\":\"invalid JSON\"}");
  private static final byte[] INVALID_SESSION = bytes("{\"error\":\"invalid session\"}");
  private static final byte[] QUEUE_FULL = bytes("{\"error\":\"estimated queue time exceeds the handler's maximum\"}");
  private static final byte[] UPSTREAM_UNAVAILABLE = bytes("{\"error\":\"model server unavailable\"}");

  /** A served route with its meters, built once: a meter lookup per request is measurable. */
  private record Route(String path, WorkerProperties.Handler handler, WorkloadCalculator workload, int maxBytes, byte[] tooLarge,
      Timer queueWait, Timer upstream, Counter rejectedLoad, Map<String, Counter> outcomes) {

    boolean fifo() {
      return !handler.allowParallelRequests();
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
   * One forwarded request's bookkeeping, settled once when it ends however it ends. Written from
   * the event loops of the client's and the model server's connections, hence volatile.
   */
  private static final class Forwarding {
    final Route route;
    final long requestIdx;
    final double workload;
    final long queuedNanos = System.nanoTime();
    final double enteredAt = System.currentTimeMillis() / 1000.0;
    volatile double startedAt = enteredAt;
    volatile long upstreamNanos;
    volatile Result result = Result.FAILED;
    volatile String outcome = "upstream_failed";
    /** Set when the end is known for certain; a cancel signal after it changes nothing. */
    volatile boolean settled;

    Forwarding(Route route, long requestIdx, double workload) {
      this.route = route;
      this.requestIdx = requestIdx;
      this.workload = workload;
    }

    void settle(Result result, String outcome) {
      this.result = result;
      this.outcome = outcome;
      this.settled = true;
    }
  }

  private final Map<String, Route> routes = new HashMap<>();
  private final Callers callers;
  private final Sessions sessions;
  private final Admission admission;
  private final WorkerStatus status;
  private final MeterRegistry meters;
  private final ModelServer modelServer;

  ServingRoutes(WorkerProperties properties, Callers callers, Sessions sessions, Admission admission, WorkerStatus status,
      ModelServer modelServer, MeterRegistry meters) {
    this.modelServer = modelServer;
    this.callers = callers;
    this.sessions = sessions;
    this.status = status;
    this.admission = admission;
    this.meters = meters;
    for (WorkerProperties.Handler handler : properties.handlers()) {
      String path = handler.route();
      int maxBytes = (int) handler.maxRequestSize().toBytes();
      // RFC 9457, with the protocol's error member beside the problem's, for Vast-style clients.
      byte[] tooLarge = bytes("{\"type\":\"https://vastmesh.dev/problems/payload-too-large\",\"title\":\"Payload too large\","
          + "\"status\":413,\"detail\":\"the request body exceeds " + maxBytes + " bytes\",\"error\":\"request body too large\"}");
      routes.put(path, new Route(path, handler, Workloads.parse(handler.workload()), maxBytes, tooLarge,
          Timer.builder("vastmesh.worker.queue.wait").description("time a request waited for its turn").tag("route", path).register(meters),
          Timer.builder("vastmesh.worker.upstream").description("model server time, to the end of its answer").tag("route", path).register(meters),
          Counter.builder("vastmesh.worker.rejected.load").description("workload refused with 429").tag("route", path).register(meters),
          new ConcurrentHashMap<>()));
    }
  }

  @Override
  public HttpServerRoutes apply(HttpServerRoutes serverRoutes) {
    return serverRoutes.route(this::serves, this::serve);
  }

  /** Only POSTs to configured routes: any other request is WebFlux's (405, 404, sessions, actuator). */
  private boolean serves(HttpServerRequest request) {
    return HttpMethod.POST.equals(request.method()) && routes.containsKey(request.fullPath());
  }

  private Mono<Void> serve(HttpServerRequest request, HttpServerResponse response) {
    Route route = routes.get(request.fullPath());
    // Only reading the body signals TooLarge; nothing after it does.
    return RequestBodies.read(request.receive(), declaredLength(request.requestHeaders()), route.maxBytes())
        .flatMap(body -> admit(route, body, request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION), response))
        .onErrorResume(RequestBodies.TooLarge.class, tooLarge -> refuseTooLarge(route, response));
  }

  /** The Content-Length, or -1 for a chunked body (the codec has already refused a malformed one). */
  private static long declaredLength(HttpHeaders headers) {
    String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
    if (length == null || headers.containsValue(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED, true)) {
      return -1;
    }
    try {
      return Long.parseLong(length.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private Mono<Void> refuseTooLarge(Route route, HttpServerResponse response) {
    // The unread rest of the body is not worth reading to keep the connection.
    response.keepAlive(false);
    return respond(route, response, 413, "application/problem+json", route.tooLarge(), "too_large");
  }

  private Mono<Void> admit(Route route, byte[] body, @Nullable String authorization, HttpServerResponse response) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      return respond(route, response, 422, JSON_TYPE, INVALID_JSON, "invalid_json");
    }
    byte[] forward;
    JsonNode payload;
    long requestIdx = -1;
    switch (callers.check(root, authorization)) {
      case Callers.Refused refused -> {
        return respond(route, response, refused.status(), JSON_TYPE, bytes(refused.body()), refused.outcome());
      }
      case Callers.Signed signed -> {
        if (signed.sessionId() != null && sessions.use(signed.sessionId()).isEmpty()) {
          return respond(route, response, 410, JSON_TYPE, INVALID_SESSION, "invalid_session");
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
    if (admission.estimatedWaitSeconds() > route.handler().maxQueueTime().toMillis() / 1000.0) {
      route.rejectedLoad().increment(workload);
      status.rejected(workload);
      return respond(route, response, 429, JSON_TYPE, QUEUE_FULL, "queue_full");
    }
    admission.enter(workload);
    status.received(requestIdx, workload);
    Forwarding forwarding = new Forwarding(route, requestIdx, workload);
    Mono<Void> exchange = route.fifo()
        ? admission.inFifoTurn(() -> proxy(forwarding, forward, response))
        : proxy(forwarding, forward, response);
    return exchange.doFinally(signal -> finish(forwarding, signal));
  }

  /**
   * Forwards the request and copies the model server's answer chunk by chunk as it arrives, so a
   * stream is never held back. A client that goes away is the protocol's 499: cancelling the
   * copy drops the model server's connection (it can stop generating) and the request counts as
   * cancelled.
   */
  private Mono<Void> proxy(Forwarding forwarding, byte[] body, HttpServerResponse response) {
    return Mono.defer(() -> {
      Route route = forwarding.route;
      forwarding.startedAt = System.currentTimeMillis() / 1000.0;
      forwarding.upstreamNanos = System.nanoTime();
      route.queueWait().record(forwarding.upstreamNanos - forwarding.queuedNanos, TimeUnit.NANOSECONDS);
      return modelServer.post(route.path(), body, (answer, content) -> {
        answered(forwarding, answer, response);
        // Every chunk is written as it arrives and flushed once nothing else is waiting (a flush per
        // event-loop pass): the first token reaches the client when the model sends it, and a burst
        // of chunks costs one system call, not one each.
        return response.send(content.retain());
      }).then(Mono.<Void>fromRunnable(() -> {
        // A send to a connection that closed under it ends quietly: the client did not get it all.
        if (!connected(response)) {
          forwarding.settle(Result.CANCELLED, "client_disconnected");
        }
      }));
    }).onErrorResume(failure -> failed(forwarding, failure, response));
  }

  /** Copies the answer's head to the response. */
  private static void answered(Forwarding forwarding, HttpClientResponse answer, HttpServerResponse response) {
    int code = answer.status().code();
    HttpHeaders headers = answer.responseHeaders();
    String contentType = headers.get(HttpHeaderNames.CONTENT_TYPE);
    response.status(code);
    if (contentType != null) {
      response.header(HttpHeaderNames.CONTENT_TYPE, contentType);
    }
    String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
    if (length != null) {
      // Passed on as declared (a chunked answer has none and goes out chunked), so the client can
      // size its buffer. Should the model server break off, the connection is dropped and the
      // client sees a short body, as from the model server.
      response.header(HttpHeaderNames.CONTENT_LENGTH, length);
    }
    boolean ok = code / 100 == 2;
    forwarding.result = ok ? Result.SUCCEEDED : Result.FAILED;
    forwarding.outcome = ok ? "ok" : "upstream_" + code / 100 + "xx";
  }

  /** Where a forwarded request failed decides what the client can still be told. */
  private Mono<Void> failed(Forwarding forwarding, Throwable failure, HttpServerResponse response) {
    String path = forwarding.route.path();
    if (!connected(response)) {
      log.debug("client left during {}: {}", path, failure.toString());
      forwarding.settle(Result.CANCELLED, "client_disconnected");
      return Mono.empty();
    }
    forwarding.settle(Result.FAILED, "upstream_failed");
    if (!response.hasSentHeaders()) {
      log.warn("model server call to {} failed: {}", path, failure.toString());
      response.responseHeaders().remove(HttpHeaderNames.CONTENT_LENGTH);
      return write(response, 500, JSON_TYPE, UPSTREAM_UNAVAILABLE);
    }
    // The answer's head went out already: only a dropped connection tells the client it is short.
    log.warn("model server answer for {} broke off: {}", path, failure.toString());
    response.withConnection(Connection::dispose);
    return Mono.empty();
  }

  private static boolean connected(HttpServerResponse response) {
    boolean[] active = new boolean[1];
    response.withConnection(connection -> active[0] = connection.channel().isActive());
    return active[0];
  }

  private void finish(Forwarding forwarding, SignalType signal) {
    if (!forwarding.settled && signal == SignalType.CANCEL) {
      // The client left: waiting for its turn, for the model server, or during the answer.
      forwarding.settle(Result.CANCELLED, "client_disconnected");
    }
    Route route = forwarding.route;
    admission.leave(forwarding.workload);
    if (forwarding.upstreamNanos != 0) {
      route.upstream().record(System.nanoTime() - forwarding.upstreamNanos, TimeUnit.NANOSECONDS);
    }
    count(route, forwarding.outcome);
    Result result = forwarding.result;
    status.finished(new WorkerStatus.Finished(forwarding.requestIdx, result == Result.SUCCEEDED, result.status, forwarding.enteredAt,
        forwarding.startedAt, System.currentTimeMillis() / 1000.0), forwarding.workload, result == Result.CANCELLED);
  }

  /** The worker's own answer, before anything was forwarded. */
  private Mono<Void> respond(Route route, HttpServerResponse response, int code, String contentType, byte[] body, String outcome) {
    count(route, outcome);
    return write(response, code, contentType, body);
  }

  private static Mono<Void> write(HttpServerResponse response, int code, String contentType, byte[] body) {
    return response.status(code).header(HttpHeaderNames.CONTENT_TYPE, contentType)
        .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length)).sendByteArray(Mono.just(body)).then();
  }

  private void count(Route route, String outcome) {
    // Bounded: outcomes are a fixed set plus upstream_1xx..5xx.
    route.outcomes().computeIfAbsent(outcome, o -> Counter.builder("vastmesh.worker.requests").description("requests by route and outcome")
        .tag("route", route.path()).tag("outcome", o).register(meters)).increment();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
