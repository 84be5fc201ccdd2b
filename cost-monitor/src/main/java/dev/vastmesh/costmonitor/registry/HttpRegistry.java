package dev.vastmesh.costmonitor.registry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registry-service's HTTP API: {@code GET /api/v1/vastai/registry} (a {@code read} token),
 * paged by cursor, and {@code DELETE /api/v1/vastai/registry/{id}} (a {@code write} token). An
 * answer that is not the documented list is an error, never "no instances".
 */
public final class HttpRegistry implements Registry {

  private static final String PATH = "/api/v1/vastai/registry";
  private static final int PAGE = 1000;

  private final HttpClient http;
  private final URI base;
  private final @Nullable String token;
  private final Duration timeout;
  private final JsonMapper json = JsonMapper.builder().build();

  public HttpRegistry(URI base, @Nullable String token, Duration timeout) {
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.base = base;
    this.token = token;
    this.timeout = timeout;
  }

  @Override
  public boolean configured() {
    return true;
  }

  @Override
  public List<RegistryEntry> entries() {
    List<RegistryEntry> entries = new ArrayList<>();
    String cursor = null;
    do {
      String query = "?limit=" + PAGE + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      JsonNode page = read(send(request(PATH + query).GET()));
      JsonNode list = page.get("instances");
      if (list == null || !list.isArray()) {
        throw new RegistryUnavailableException("registry list: the answer has no 'instances' list");
      }
      for (JsonNode node : list) {
        entries.add(entry(node));
      }
      JsonNode next = page.get("next_cursor");
      cursor = next == null || next.isNull() || next.asString().isEmpty() ? null : next.asString();
    } while (cursor != null);
    return entries;
  }

  @Override
  public void deregister(long instanceId) {
    HttpResponse<String> response = send(request(PATH + "/" + instanceId).DELETE());
    if (response.statusCode() != 204 && response.statusCode() != 404) {
      throw new RegistryUnavailableException("registry deregister " + instanceId + ": HTTP " + response.statusCode());
    }
  }

  private RegistryEntry entry(JsonNode node) {
    JsonNode id = node.get("instance_id");
    if (id == null || !id.canConvertToLong() || id.longValue() <= 0) {
      throw new RegistryUnavailableException("registry list: an entry has no instance_id");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    node.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
    return new RegistryEntry(id.longValue(), text(node, "environment"), text(node, "trigger_id"), labels);
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).header("Accept", "application/json");
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new RegistryUnavailableException("registry at " + base + " did not answer: " + e.getClass().getSimpleName(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryUnavailableException("interrupted reading the registry", e);
    }
  }

  private JsonNode read(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw new RegistryUnavailableException("registry list: HTTP " + response.statusCode());
    }
    try {
      JsonNode node = json.readTree(response.body());
      if (node == null || !node.isObject()) {
        throw new RegistryUnavailableException("registry list: the answer is not a JSON object");
      }
      return node;
    } catch (JacksonException e) {
      throw new RegistryUnavailableException("registry list: the answer is not JSON", e);
    }
  }

  @Override
  public String toString() {
    return "HttpRegistry[" + base + ", token=<redacted>]";
  }
}
