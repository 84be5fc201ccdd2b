package dev.vastmesh.registry.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A test's HTTP client for a running registry. Every response it receives is checked against
 * the OpenAPI contract, so each test is also a contract test of the calls it makes.
 */
public final class RegistryClient {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  public RegistryClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  public record Response(int status, java.net.http.HttpHeaders headers, String body) {

    public JsonNode json() {
      return JSON.readTree(body);
    }

    public @Nullable String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  public Response get(String template, String query, @Nullable String token, Object... pathArgs) {
    return send("GET", template, query, token, null, null, pathArgs);
  }

  public Response post(String template, @Nullable String token, @Nullable String json, Object... pathArgs) {
    return send("POST", template, "", token, json, json == null ? null : "application/json", pathArgs);
  }

  public Response delete(String template, @Nullable String token, Object... pathArgs) {
    return send("DELETE", template, "", token, null, null, pathArgs);
  }

  /** The general form, for odd content types and raw bodies. */
  public Response send(String method, String template, String query, @Nullable String token, @Nullable String body,
      @Nullable String contentType, Object... pathArgs) {
    String path = template;
    for (Object arg : pathArgs) {
      path = path.replaceFirst("\\{[^}]+}", String.valueOf(arg));
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path + (query.isEmpty() ? "" : "?" + query)))
        .timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      Response result = new Response(response.statusCode(), response.headers(), response.body());
      if (template.startsWith("/api/")) {
        OpenApiContract.get().check(method, template, result.status(), result.header("Content-Type"), result.body());
      }
      return result;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
