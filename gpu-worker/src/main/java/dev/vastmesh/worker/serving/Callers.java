package dev.vastmesh.worker.serving;

import dev.vastmesh.support.problem.FieldViolation;
import dev.vastmesh.support.problem.Problem;
import dev.vastmesh.support.problem.ProblemTypes;
import dev.vastmesh.worker.config.WorkerProperties;
import dev.vastmesh.worker.signature.RequestSignatures;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decides who is calling: a Vast client with a signed {@code {auth_data, payload, session_id}}
 * wrapper, or a holder of the worker's bearer token calling the model server's own API. Anything
 * else is refused with the protocol's status and body.
 */
@Component
class Callers {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> AUTH_FIELDS = List.of("cost", "endpoint", "reqnum", "request_idx", "signature", "url");

  /** What the caller check found. */
  sealed interface Verdict {
  }

  /** A signed Vast request: its payload, request index and session, if any. */
  record Signed(JsonNode payload, long requestIdx, @Nullable String sessionId) implements Verdict {
  }

  /** A pass-through call with the worker's token: the whole body is the payload. */
  record Bearer(JsonNode payload) implements Verdict {
  }

  /**
   * Refused: the protocol's status and body for the serving routes, and what is missing from
   * the wrapper (by JSON pointer) for the worker's own endpoints, which answer with a problem.
   */
  record Refused(int status, String body, String outcome, List<String> missing) implements Verdict {

    Refused(int status, String body, String outcome) {
      this(status, body, outcome, List.of());
    }

    /** The refusal as an RFC 9457 problem, with the protocol's members beside the problem's. */
    Problem toProblem() {
      if (!missing.isEmpty()) {
        return Problem.invalidRequest(missing.stream().map(pointer -> FieldViolation.at(pointer, "missing")).toList());
      }
      JsonNode vast = JSON.readTree(body);
      String error = vast.path("error").asString();
      return new Problem(HttpStatus.valueOf(status), ProblemTypes.kindOf(status), "Authentication required", error)
          .property("error", error);
    }
  }

  private final WorkerProperties properties;
  private final RequestSignatures signatures;

  Callers(WorkerProperties properties, RequestSignatures signatures) {
    this.properties = properties;
    this.signatures = signatures;
  }

  Verdict check(JsonNode root, @Nullable String authorization) {
    if (!(root.isObject() && (root.has("auth_data") || root.has("payload")))) {
      return bearerMatches(authorization) ? new Bearer(root)
          : new Refused(401, "{\"error\":\"a signed Vast request or the worker's bearer token is required\"}", "unauthenticated");
    }
    List<String> missing = missingFields(root);
    if (!missing.isEmpty()) {
      return new Refused(422, vastBody(missing), "missing_fields", missing);
    }
    JsonNode auth = root.get("auth_data");
    URI own = properties.vast().publicUrl();
    // A signature proves where the autoscaler meant the request to go; elsewhere it is a replay.
    boolean elsewhere = own != null && !own.toString().isEmpty() && !own.toString().equals(auth.path("url").asString());
    if (!signatures.verify(auth) || elsewhere) {
      return new Refused(401, "{\"error\":\"invalid signature\"}", "bad_signature");
    }
    if (!signatures.unsecured() && !signatures.fresh(auth.path("reqnum").asLong())) {
      return new Refused(401, "{\"error\":\"replayed request\"}", "replayed");
    }
    JsonNode session = root.get("session_id");
    return new Signed(root.get("payload"), auth.path("request_idx").asLong(-1),
        session == null || session.isNull() ? null : session.asString());
  }

  /** The wrapper's missing fields by JSON pointer: the envelope's first, else every auth field. */
  private static List<String> missingFields(JsonNode root) {
    if (!root.has("auth_data") || !root.get("auth_data").isObject()) {
      return List.of("/auth_data");
    }
    if (!root.has("payload")) {
      return List.of("/payload");
    }
    JsonNode auth = root.get("auth_data");
    return AUTH_FIELDS.stream().filter(field -> !auth.hasNonNull(field)).map(field -> "/auth_data/" + field).toList();
  }

  /** The protocol's 422 body: {@code {"payload":"field missing"}}, {@code {"auth_data":{"cost":"missing parameter"}}}. */
  private static String vastBody(List<String> missing) {
    if (missing.size() == 1 && missing.get(0).lastIndexOf('/') == 0) {
      return "{\"" + missing.get(0).substring(1) + "\":\"field missing\"}";
    }
    String fields = missing.stream().map(pointer -> "\"" + pointer.substring("/auth_data/".length()) + "\":\"missing parameter\"")
        .collect(Collectors.joining(","));
    return "{\"auth_data\":{" + fields + "}}";
  }

  private boolean bearerMatches(@Nullable String authorization) {
    String token = properties.token();
    // A blank token means pass-through is off, never "anyone with an empty bearer".
    if (token == null || token.isBlank() || authorization == null || !authorization.startsWith("Bearer ")) {
      return false;
    }
    return MessageDigest.isEqual(authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }
}
