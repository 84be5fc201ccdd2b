package dev.vastmesh.vastai.cli;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code vastai deploy --registry-enroll URL}: the instance gets a one-time enrollment token
 * minted from the registry with the CI's token, never the CI's token itself. The token registers
 * exactly one instance, once, and expires; the CI's token (enroll scope) stays on the CI runner.
 */
final class RegistryEnrollment {

  /** Where the CI's token (enroll scope) is read from: the environment, never the command line. */
  static final String CI_TOKEN_ENV = "VASTMESH_REGISTRY_ENROLL_TOKEN";
  static final String WORKER_URL_ENV = "VASTMESH_WORKER_REGISTRY_URL";
  static final String WORKER_TOKEN_ENV = "VASTMESH_WORKER_REGISTRY_TOKEN";
  /** The registry's longest enrollment life by default. */
  static final Duration MAX_TTL = Duration.ofHours(24);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private RegistryEnrollment() {
  }

  /**
   * How long the token must live: every offer may take its whole timeout to start, and the
   * model then loads before the worker registers (an hour is allowed for that).
   */
  static Duration ttl(int offers, Duration offerTimeout) {
    Duration wanted = offerTimeout.multipliedBy(Math.max(1, offers)).plusHours(1);
    return wanted.compareTo(MAX_TTL) > 0 ? MAX_TTL : wanted;
  }

  /**
   * Mints the token and answers the variables the worker reads: the registry's URL and the
   * enrollment token.
   *
   * @throws IOException when the registry cannot be reached or refuses: nothing is rented then
   */
  static Map<String, String> workerEnv(URI registry, String ciToken, Duration ttl, String label, OkHttpClient http)
      throws IOException {
    String base = registry.toString().replaceAll("/+$", "");
    String body = JSON.writeValueAsString(Map.of("ttl_seconds", ttl.toSeconds(), "label", label));
    Request request = new Request.Builder().url(base + "/api/v1/vastai/registry/enrollment-tokens")
        .header("Authorization", "Bearer " + ciToken)
        .post(RequestBody.create(body, MediaType.get("application/json"))).build();
    try (Response response = http.newCall(request).execute()) {
      String answer = response.body().string();
      if (response.code() != 201) {
        throw new IOException("the registry at " + base + " refused to mint an enrollment token: HTTP " + response.code()
            + detail(answer) + (response.code() == 403 ? " (the token in " + CI_TOKEN_ENV + " needs the enroll scope)" : ""));
      }
      JsonNode minted = JSON.readTree(answer);
      String token = minted.path("enrollment_token").asString("");
      if (token.isEmpty()) {
        throw new IOException("the registry at " + base + " answered 201 without an enrollment_token");
      }
      Map<String, String> env = new LinkedHashMap<>();
      env.put(WORKER_URL_ENV, base);
      env.put(WORKER_TOKEN_ENV, token);
      return env;
    }
  }

  /** The problem's detail, which never holds a token. */
  private static String detail(String problem) {
    try {
      String detail = JSON.readTree(problem).path("detail").asString("");
      return detail.isEmpty() ? "" : ": " + detail;
    } catch (RuntimeException e) {
      return "";
    }
  }
}
