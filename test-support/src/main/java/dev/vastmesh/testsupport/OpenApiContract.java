package dev.vastmesh.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A service's OpenAPI file (under {@code openapi/} at the repository root), read as the test's
 * oracle: every response a test receives must be documented for its operation and status, and
 * its body must match the documented schema (OpenAPI 3.1 schemas are JSON Schema 2020-12).
 * Consumers need networknt's json-schema-validator and jackson-dataformat-yaml on their test path.
 */
public final class OpenApiContract {

  private static final java.util.Map<String, OpenApiContract> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

  private final JsonNode root;
  private final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  private OpenApiContract(Path file) {
    try {
      this.root = YAMLMapper.builder().build().readTree(Files.readString(file));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The contract {@code openapi/<fileName>}, read from a module directory (the tests' working directory). */
  public static OpenApiContract of(String fileName) {
    return LOADED.computeIfAbsent(fileName, name -> new OpenApiContract(Path.of("..", "openapi", name)));
  }

  /**
   * "METHOD path" → its path and query parameters ({@code in:name}) and body media types, for
   * the paths starting with {@code prefix}; compare a running service's generated document
   * with the contract through this.
   */
  public static java.util.Map<String, java.util.Set<String>> operations(JsonNode openapi, String prefix) {
    java.util.Map<String, java.util.Set<String>> operations = new java.util.TreeMap<>();
    openapi.get("paths").properties().forEach(path -> {
      if (!path.getKey().startsWith(prefix)) {
        return;
      }
      java.util.Set<String> shared = parameters(path.getValue().path("parameters"));
      path.getValue().properties().forEach(method -> {
        if (method.getKey().equals("parameters")) {
          return;
        }
        java.util.Set<String> parameters = new java.util.TreeSet<>(shared);
        parameters.addAll(parameters(method.getValue().path("parameters")));
        if (method.getValue().has("requestBody")) {
          parameters.add("body");
        }
        operations.put(method.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey(), parameters);
      });
    });
    return operations;
  }

  private static java.util.Set<String> parameters(JsonNode list) {
    java.util.Set<String> names = new java.util.TreeSet<>();
    list.forEach(p -> {
      String in = p.path("in").asString();
      if (in.equals("path") || in.equals("query")) {
        names.add(in + ":" + p.path("name").asString());
      }
    });
    return names;
  }

  /**
   * Asserts that a running service's generated document (its {@code /v3/api-docs}) has exactly
   * this contract's operations under {@code prefix}, with their parameters, and that the contract
   * has {@code count} of them (so an empty match cannot pass).
   */
  public void assertServedExactly(JsonNode running, String prefix, int count) {
    java.util.Map<String, java.util.Set<String>> documented = operations(root, prefix);
    assertThat(documented).hasSize(count);
    assertThat(operations(running, prefix)).isEqualTo(documented);
  }

  public JsonNode root() {
    return root;
  }

  /** Asserts the response is one the contract allows for this operation. */
  public void check(String method, String pathTemplate, int status, @Nullable String contentType, String body) {
    JsonNode operation = root.path("paths").path(pathTemplate).path(method.toLowerCase(Locale.ROOT));
    assertThat(operation.isMissingNode()).as("%s %s is not in the contract", method, pathTemplate).isFalse();
    JsonNode response = resolve(operation.path("responses").path(Integer.toString(status)));
    assertThat(response.isMissingNode())
        .as("%s %s answered %d, which the contract does not document (body: %s)", method, pathTemplate, status, body)
        .isFalse();
    JsonNode content = response.path("content");
    if (content.isMissingNode() || content.isEmpty()) {
      assertThat(body).as("%s %s %d has no documented body", method, pathTemplate, status).isEmpty();
      return;
    }
    String mediaType = contentType == null ? "" : contentType.split(";")[0].trim();
    JsonNode media = content.path(mediaType);
    assertThat(media.isMissingNode()).as("%s %s %d answered %s; documented: %s", method, pathTemplate, status,
        mediaType, content.propertyNames()).isFalse();
    List<Error> errors = validate(media.path("schema"), body);
    assertThat(errors).as("%s %s %d body %s does not match the contract", method, pathTemplate, status, body).isEmpty();
  }

  /** Validates a JSON document against a schema of the contract (e.g. {@code {"$ref": "#/components/schemas/X"}}). */
  public List<Error> validate(JsonNode schema, String json) {
    ObjectNode document = ((ObjectNode) schema.deepCopy());
    document.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    document.set("components", root.path("components"));
    return schemas.getSchema(document.toString(), InputFormat.JSON).validate(json, InputFormat.JSON);
  }

  private JsonNode resolve(JsonNode node) {
    if (node.has("$ref")) {
      String[] parts = node.get("$ref").asString().substring(2).split("/");
      JsonNode target = root;
      for (String part : parts) {
        target = target.path(part);
      }
      return target;
    }
    return node;
  }
}
