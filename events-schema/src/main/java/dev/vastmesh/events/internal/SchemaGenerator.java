package dev.vastmesh.events.internal;

import dev.vastmesh.events.EventSchema;
import dev.vastmesh.events.EventType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the JSON Schema (draft 2020-12) of the whole event family from the payload records.
 *
 * <p>The shipped schema file is this generator's output, and a test fails when the two differ,
 * so editing a record without regenerating the schema cannot go unnoticed. Regenerate with
 * {@code ./mvnw -pl events-schema test -Dtest=EventSchemaTests -Dvastmesh.schema.write=true}.
 */
public final class SchemaGenerator {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SchemaGenerator() {
  }

  /** The schema document, pretty-printed, ending with a newline. */
  public static String generate() {
    ObjectNode root = NODES.objectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("$id", EventSchema.ID);
    root.put("title", "vastmesh canonical event");
    root.put("description", "A CloudEvents 1.0 structured-mode JSON event of one of the vastai.* types. "
        + "Generated from dev.vastmesh.events; do not edit by hand.");
    root.put("type", "object");
    root.put("additionalProperties", false);
    ArrayNode required = root.putArray("required");
    EnvelopeReader.MEMBERS.stream().filter(EnvelopeReader.REQUIRED::contains).forEach(required::add);
    ObjectNode properties = root.putObject("properties");
    properties.putObject(EnvelopeReader.SPECVERSION).put("const", "1.0");
    nonEmptyString(properties.putObject(EnvelopeReader.ID));
    nonEmptyString(properties.putObject(EnvelopeReader.SOURCE)).put("format", "uri-reference");
    ArrayNode types = properties.putObject(EnvelopeReader.TYPE).putArray("enum");
    for (EventType type : EventType.values()) {
      types.add(type.wireName());
    }
    timestamp(properties.putObject(EnvelopeReader.TIME));
    properties.putObject(EnvelopeReader.DATACONTENTTYPE).put("pattern", "^application/json(\\s*;.*)?$");
    for (String extension : new String[] {EnvelopeReader.SUBJECT, EnvelopeReader.TRIGGERID,
        EnvelopeReader.IDEMPOTENCYKEY, EnvelopeReader.ENVIRONMENT}) {
      nonEmptyString(properties.putObject(extension));
    }
    properties.putObject(EnvelopeReader.DATA).put("type", "object");

    ArrayNode byType = root.putArray("allOf");
    ObjectNode defs = root.putObject("$defs");
    for (EventType type : EventType.values()) {
      defs.set(type.wireName(), record(RecordShape.of(type.payloadType())));
      ObjectNode rule = byType.addObject();
      rule.putObject("if").putObject("properties").putObject(EnvelopeReader.TYPE).put("const", type.wireName());
      rule.putObject("then").putObject("properties").putObject(EnvelopeReader.DATA)
          .put("$ref", "#/$defs/" + type.wireName());
    }
    return JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }

  private static ObjectNode record(RecordShape shape) {
    ObjectNode node = NODES.objectNode();
    node.put("title", shape.type().getSimpleName());
    node.put("type", "object");
    node.put("additionalProperties", false);
    ArrayNode required = node.putArray("required");
    ObjectNode properties = node.putObject("properties");
    for (FieldShape field : shape.fields()) {
      ObjectNode value = value(field, field.value());
      if (field.required()) {
        required.add(field.jsonName());
        properties.set(field.jsonName(), value);
      } else {
        ObjectNode nullable = properties.putObject(field.jsonName());
        ArrayNode anyOf = nullable.putArray("anyOf");
        anyOf.add(value);
        anyOf.addObject().put("type", "null");
      }
    }
    return node;
  }

  private static ObjectNode value(FieldShape field, ValueShape shape) {
    ObjectNode node = NODES.objectNode();
    switch (shape) {
      case ValueShape.Text text -> {
        nonEmptyString(node);
        if (field.maxLength() != null) {
          node.put("maxLength", field.maxLength());
        }
        if (field.pattern() != null) {
          node.put("pattern", field.pattern().pattern());
        }
      }
      case ValueShape.WholeNumber range -> {
        node.put("type", "integer");
        node.put("minimum", field.minimum() != null ? field.minimum().longValue() : range.lowest());
        node.put("maximum", range.highest());
      }
      case ValueShape.Decimal decimal -> {
        node.put("type", "number");
        if (field.minimum() != null) {
          node.put("minimum", field.minimum().longValue());
        }
      }
      case ValueShape.Bool bool -> node.put("type", "boolean");
      case ValueShape.Timestamp timestamp -> timestamp(node);
      case ValueShape.Choice choice -> choice.values().forEach(node.putArray("enum")::add);
      case ValueShape.ListOf list -> {
        node.put("type", "array");
        node.set("items", value(field, list.element()));
      }
      case ValueShape.MapOf map -> {
        node.put("type", "object");
        node.set("additionalProperties", value(field, map.value()));
      }
      case ValueShape.Nested nested -> {
        return record(nested.shape());
      }
    }
    return node;
  }

  private static ObjectNode nonEmptyString(ObjectNode node) {
    return node.put("type", "string").put("minLength", 1);
  }

  private static void timestamp(ObjectNode node) {
    // RFC 3339 in UTC only; "format" alone is an annotation in 2020-12, so the pattern enforces it.
    node.put("type", "string");
    node.put("format", "date-time");
    node.put("pattern", "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|\\+00:00)$");
  }

  /** Regenerates the schema file in a source tree: {@code SchemaGenerator <resources-dir>}. */
  public static void main(String[] args) throws IOException {
    Path target = Path.of(args[0]).resolve(EventSchema.RESOURCE);
    Files.createDirectories(target.getParent());
    Files.writeString(target, generate(), StandardCharsets.UTF_8);
  }
}
