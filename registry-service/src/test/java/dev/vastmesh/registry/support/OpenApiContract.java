package dev.vastmesh.registry.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The registry's OpenAPI file, read as the test's oracle: every response a test receives must be
 * documented for its operation and status, and its body must match the documented schema.
 */
public final class OpenApiContract {

  public static final Path FILE = Path.of("../openapi/vastai-registry.openapi.yml");
  private static final OpenApiContract INSTANCE = new OpenApiContract();

  private final JsonNode root;
  private final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  private OpenApiContract() {
    try {
      this.root = YAMLMapper.builder().build().readTree(Files.readString(FILE));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static OpenApiContract get() {
    return INSTANCE;
  }

  public JsonNode root() {
    return root;
  }

  /** Asserts the response is one the contract allows for this operation. */
  public void check(String method, String pathTemplate, int status, String contentType, String body) {
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
