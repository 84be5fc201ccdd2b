package dev.vastmesh.worker.serving;

import dev.vastmesh.support.problem.FieldViolation;
import dev.vastmesh.support.problem.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vast's session endpoints. {@code /session/create} is a request like any other (signed wrapper,
 * or the worker's bearer token) whose payload is {@code {lifetime, on_close_route,
 * on_close_payload}}: 201 with the session's id and expiration, 429 past the session limit.
 * {@code /session/end}, {@code /session/get} and {@code /session/health} take
 * {@code {"session_id": ...}}: the unguessable id is the caller's credential; an unknown or
 * expired one is 410, as on the serving routes. Refusals are problems of the shared vocabulary
 * (400 for bad input, as in every service); where Vast's protocol names an error (the 410's
 * "invalid session", a refused caller) its {@code error} member is there too.
 */
@RestController
class SessionController {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final long MAX_LIFETIME_SECONDS = 86_400;
  private static final String NOT_JSON = "the body is not a JSON object";

  private final Callers callers;
  private final Sessions sessions;

  SessionController(Callers callers, Sessions sessions) {
    this.callers = callers;
    this.sessions = sessions;
  }

  @PostMapping(path = "/session/create", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> create(@RequestBody(required = false) byte @Nullable [] body,
      @RequestHeader(name = "Authorization", required = false) @Nullable String authorization) {
    Optional<JsonNode> root = parse(body);
    if (root.isEmpty()) {
      return ProblemResponses.entity(Problem.malformed(NOT_JSON));
    }
    JsonNode payload;
    String at;
    switch (callers.check(root.get(), authorization)) {
      case Callers.Refused refused -> {
        return ProblemResponses.entity(refused.toProblem());
      }
      case Callers.Signed signed -> {
        payload = signed.payload();
        at = "/payload";
      }
      case Callers.Bearer bearer -> {
        payload = bearer.payload();
        at = "";
      }
    }
    List<FieldViolation> invalid = new ArrayList<>();
    JsonNode lifetime = payload.path("lifetime");
    if (!lifetime.isMissingNode() && (!lifetime.isNumber() || lifetime.asDouble() <= 0 || lifetime.asDouble() > MAX_LIFETIME_SECONDS)) {
      invalid.add(FieldViolation.at(at + "/lifetime", "must be a number of seconds in (0, 86400]"));
    }
    String onClose = payload.path("on_close_route").isString() ? payload.path("on_close_route").asString() : null;
    // The close route is called on the model server only: a path, never a URL of its own.
    if (onClose != null && (!onClose.startsWith("/") || onClose.startsWith("//") || onClose.contains("\\"))) {
      invalid.add(FieldViolation.at(at + "/on_close_route", "must be a path on the model server"));
    }
    if (!invalid.isEmpty()) {
      return ProblemResponses.entity(Problem.invalidRequest(invalid));
    }
    Duration duration = Duration.ofMillis(lifetime.isMissingNode() ? 60_000 : Math.round(lifetime.asDouble() * 1000));
    JsonNode onClosePayload = payload.has("on_close_payload") ? payload.get("on_close_payload") : null;
    Optional<Sessions.Session> session = sessions.create(duration, onClose, onClosePayload);
    if (session.isEmpty()) {
      return ProblemResponses.entity(new Problem(HttpStatus.TOO_MANY_REQUESTS, "session-limit", "Session limit reached",
          "the worker holds its maximum number of sessions; end one or retry later").property("error", "session limit reached"));
    }
    return ResponseEntity.status(HttpStatus.CREATED).body(describe(session.get()));
  }

  @PostMapping(path = "/session/end", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> end(@RequestBody(required = false) byte @Nullable [] body) {
    return withSession(body, id -> sessions.end(id).map(s -> Map.<String, Object>of("session_id", s.id(), "ended", true)));
  }

  @PostMapping(path = "/session/get", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> get(@RequestBody(required = false) byte @Nullable [] body) {
    return withSession(body, id -> sessions.get(id).map(SessionController::describe));
  }

  @PostMapping(path = "/session/health", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> health(@RequestBody(required = false) byte @Nullable [] body) {
    return withSession(body, id -> sessions.get(id).map(s -> Map.<String, Object>of("session_id", s.id(), "ok", true)));
  }

  private ResponseEntity<?> withSession(byte @Nullable [] body, Function<String, Optional<Map<String, Object>>> action) {
    Optional<JsonNode> root = parse(body);
    if (root.isEmpty()) {
      return ProblemResponses.entity(Problem.malformed(NOT_JSON));
    }
    JsonNode id = root.get().path("session_id");
    if (!id.isString() || id.asString().isBlank()) {
      return ProblemResponses.entity(Problem.invalidRequest("/session_id", "a session id (a non-empty string) is required"));
    }
    return action.apply(id.asString()).<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElseGet(() -> ProblemResponses.entity(new Problem(HttpStatus.GONE, "invalid-session", "Invalid session",
            "no open session has this id: it never existed, has ended or has expired").property("error", "invalid session")));
  }

  private static Map<String, Object> describe(Sessions.Session session) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("session_id", session.id());
    body.put("expiration", session.expiresAt().toEpochMilli() / 1000.0);
    body.put("lifetime", session.lifetime().toMillis() / 1000.0);
    body.put("created_at", session.createdAt().toEpochMilli() / 1000.0);
    if (session.onCloseRoute() != null) {
      body.put("on_close_route", session.onCloseRoute());
    }
    return body;
  }

  /** The body as a JSON object; WebFlux has already refused one over spring.codec.max-in-memory-size. */
  private static Optional<JsonNode> parse(byte @Nullable [] body) {
    if (body == null) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(body);
      return node == null || !node.isObject() ? Optional.empty() : Optional.of(node);
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }
}
