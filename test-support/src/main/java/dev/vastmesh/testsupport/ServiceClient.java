package dev.vastmesh.testsupport;

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
 * A test's HTTP client for a running service. Every response to an {@code /api/} path is checked
 * against the service's OpenAPI contract, so each test is also a contract test of its calls.
 */
public class ServiceClient {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final OpenApiContract contract;

  public ServiceClient(int port, OpenApiContract contract) {
    this.base = "http://127.0.0.1:" + port;
    this.contract = contract;
  }

  public record Response(int status, java.net.http.HttpHeaders headers, String body) {

    public JsonNode json() {
      return JSON.readTree(body);
    }

    public @Nullable String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  /**
   * Where a test moves springdoc's document made from the code (property {@link #GENERATED_API_DOCS_PROPERTY}):
   * the service serves its contract file at {@code /v3/api-docs}, and the test compares the two.
   */
  public static final String GENERATED_API_DOCS = "/test/generated-api-docs";
  public static final String GENERATED_API_DOCS_PROPERTY = "springdoc.api-docs.path=" + GENERATED_API_DOCS;

  /**
   * Asserts that the running service's document made from its code ({@link #GENERATED_API_DOCS},
   * where the test's {@link #GENERATED_API_DOCS_PROPERTY} puts it) has exactly its contract's
   * operations under {@code prefix}, {@code count} of them.
   */
  public void assertServesExactlyTheContract(String prefix, int count) {
    Response generated = get(GENERATED_API_DOCS, "", null);
    org.assertj.core.api.Assertions.assertThat(generated.status()).as("springdoc's document at " + GENERATED_API_DOCS).isEqualTo(200);
    contract.assertServedExactly(generated.json(), prefix, count);
  }

  /**
   * Asserts that {@code /v3/api-docs} (JSON) and {@code /v3/api-docs.yaml} are the contract file
   * {@code openapi/<fileName>}, not a document made from the code.
   */
  public void assertApiDocsAreTheContractFile(String fileName) {
    String file;
    try {
      file = java.nio.file.Files.readString(java.nio.file.Path.of("..", "openapi", fileName));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Response json = get("/v3/api-docs", "", null);
    org.assertj.core.api.Assertions.assertThat(json.status()).isEqualTo(200);
    org.assertj.core.api.Assertions.assertThat(json.json())
        .isEqualTo(tools.jackson.dataformat.yaml.YAMLMapper.builder().build().readTree(file));
    Response yaml = get("/v3/api-docs.yaml", "", null);
    org.assertj.core.api.Assertions.assertThat(yaml.status()).isEqualTo(200);
    org.assertj.core.api.Assertions.assertThat(yaml.body()).isEqualTo(file);
  }

  public Response get(String template, String query, @Nullable String token, Object... pathArgs) {
    return send("GET", template, query, token, null, null, pathArgs);
  }

  /** POST with extra headers (name, value, name, value ...), no bearer token. */
  public Response postWithHeaders(String template, Object[] pathArgs, String contentType, byte[] body, String... headers) {
    String path = expand(template, pathArgs);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType);
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return exchange("POST", template, request);
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
    String path = expand(template, pathArgs);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path + (query.isEmpty() ? "" : "?" + query)))
        .timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return exchange(method, template, request);
  }

  private static String expand(String template, Object[] pathArgs) {
    String path = template;
    for (Object arg : pathArgs) {
      path = path.replaceFirst("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(String.valueOf(arg)));
    }
    return path;
  }

  private Response exchange(String method, String template, HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      Response result = new Response(response.statusCode(), response.headers(), response.body());
      if (template.startsWith("/api/")) {
        contract.check(method, template, result.status(), result.header("Content-Type"), result.body());
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
