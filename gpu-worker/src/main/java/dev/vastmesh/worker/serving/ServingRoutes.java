package dev.vastmesh.worker.serving;

import dev.vastmesh.support.problem.ProblemJson;
import dev.vastmesh.worker.config.WorkerProperties;
import dev.vastmesh.worker.report.WorkerStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import reactor.core.publisher.Mono;
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
 * and body, streamed as they arrive (a small one of known length whole, with its head).
 *
 * <p>This class admits a request: body ({@link RequestBodies}), caller ({@link Callers}), session
 * ({@link Sessions}), queue ({@link Admission}); then {@link ModelServerProxy} forwards it, and
 * {@link Forwarding} keeps its books. The worker's own answers are {@link Answers}.
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

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Map<String, ServedRoute> routes = new HashMap<>();
  private final Callers callers;
  private final Sessions sessions;
  private final Admission admission;
  private final WorkerStatus status;
  private final ModelServerProxy proxy;

  ServingRoutes(WorkerProperties properties, Callers callers, Sessions sessions, Admission admission, WorkerStatus status,
      ModelServer modelServer, MeterRegistry meters) {
    this.callers = callers;
    this.sessions = sessions;
    this.status = status;
    this.admission = admission;
    this.proxy = new ModelServerProxy();
    for (WorkerProperties.Handler handler : properties.handlers()) {
      routes.put(handler.route(), ServedRoute.of(handler, modelServer, meters));
    }
  }

  @Override
  public HttpServerRoutes apply(HttpServerRoutes serverRoutes) {
    return serverRoutes.route(this::serves, this::serve);
  }

  /** Only configured routes: any other path is WebFlux's (sessions, actuator, the contract, 404). */
  private boolean serves(HttpServerRequest request) {
    try {
      return route(request) != null;
    } catch (IllegalArgumentException unparseable) {
      // A target that is no URI ({ or | in the path) names no route; WebFlux answers it 400.
      return false;
    }
  }

  /**
   * The route a request names. A target that is exactly a configured route (the usual case) is
   * looked up as it is; any other is resolved first (query, fragment, an absolute URI), which
   * parses it as a URI: two objects and a copy of the path, once to match the route
   * and once to serve it.
   */
  private @Nullable ServedRoute route(HttpServerRequest request) {
    ServedRoute exact = routes.get(request.uri());
    return exact != null && exact.plainPath() ? exact : routes.get(request.fullPath());
  }

  private Mono<Void> serve(HttpServerRequest request, HttpServerResponse response) {
    if (!HttpMethod.POST.equals(request.method())) {
      return Answers.write(response.header(HttpHeaderNames.ALLOW, "POST"), 405, ProblemJson.MEDIA_TYPE, Answers.POST_ONLY);
    }
    ServedRoute route = Objects.requireNonNull(route(request), "a route that serves() matched");
    // Only reading the body signals TooLarge; nothing after it does.
    return RequestBodies.read(request.receive(), RequestBodies.declaredLength(request.requestHeaders()), route.maxBytes())
        .flatMap(body -> admit(route, body, request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION), response))
        .onErrorResume(RequestBodies.TooLarge.class, tooLarge -> Answers.refuseTooLarge(route, response));
  }

  private Mono<Void> admit(ServedRoute route, byte[] body, @Nullable String authorization, HttpServerResponse response) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      return Answers.respond(route, response, 422, Answers.JSON, Answers.INVALID_JSON, "invalid_json");
    }
    byte[] forward;
    JsonNode payload;
    long requestIdx = -1;
    switch (callers.check(root, authorization)) {
      case Callers.Refused refused -> {
        return Answers.respond(route, response, refused.status(), Answers.JSON, Answers.bytes(refused.body()), refused.outcome());
      }
      case Callers.Signed signed -> {
        if (signed.sessionId() != null && sessions.use(signed.sessionId()).isEmpty()) {
          return Answers.respond(route, response, 410, Answers.JSON, Answers.INVALID_SESSION, "invalid_session");
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
      return Answers.respond(route, response, 429, Answers.JSON, Answers.QUEUE_FULL, "queue_full");
    }
    admission.enter(workload);
    status.received(requestIdx, workload);
    Forwarding forwarding = new Forwarding(route, requestIdx, workload);
    Mono<Void> exchange = route.fifo()
        ? admission.inFifoTurn(() -> proxy.proxy(forwarding, forward, response))
        : proxy.proxy(forwarding, forward, response);
    return exchange.doFinally(signal -> forwarding.finish(signal, admission, status));
  }
}
