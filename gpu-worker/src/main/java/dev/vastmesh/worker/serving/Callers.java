package dev.vastmesh.worker.serving;

import dev.vastmesh.worker.config.WorkerProperties;
import dev.vastmesh.worker.signature.RequestSignatures;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Decides who is calling: a Vast client with a signed {@code {auth_data, payload, session_id}}
 * wrapper, or a holder of the worker's bearer token calling the model server's own API. Anything
 * else is refused with the protocol's status and body.
 */
@Component
class Callers {

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

  record Refused(int status, String body, String outcome) implements Verdict {
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
    String problem = wrapperProblem(root);
    if (problem != null) {
      return new Refused(422, problem, "missing_fields");
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

  /** The protocol's 422 body for a wrapper missing fields, or null when it is complete. */
  private static @Nullable String wrapperProblem(JsonNode root) {
    if (!root.has("auth_data") || !root.get("auth_data").isObject()) {
      return "{\"auth_data\":\"field missing\"}";
    }
    if (!root.has("payload")) {
      return "{\"payload\":\"field missing\"}";
    }
    JsonNode auth = root.get("auth_data");
    StringBuilder missing = new StringBuilder();
    for (String field : AUTH_FIELDS) {
      if (!auth.hasNonNull(field)) {
        missing.append(missing.isEmpty() ? "" : ",").append('"').append(field).append("\":\"missing parameter\"");
      }
    }
    return missing.isEmpty() ? null : "{\"auth_data\":{" + missing + "}}";
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
