package dev.vastmesh.events;

import dev.vastmesh.events.internal.EnvelopeReader;
import dev.vastmesh.events.internal.EventJson;
import dev.vastmesh.events.internal.RecordShape;
import dev.vastmesh.events.payload.EventPayload;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes canonical events as CloudEvents 1.0 structured-mode JSON.
 *
 * <p>Reading is strict and reports every problem at once ({@link #validate(byte[])}); writing is
 * canonical: members in a fixed order, optional ones omitted when absent, UTC times, compact.
 * Parsing then writing a canonically written event gives back the same bytes.
 *
 * <p>Thread-safe; make one and share it.
 */
public final class EventCodec {

  private static final EventCodec STANDARD = new EventCodec(EventJson.mapper());

  private final JsonMapper mapper;

  private EventCodec(JsonMapper mapper) {
    this.mapper = mapper;
  }

  /** The codec with the canonical wire settings. */
  public static EventCodec standard() {
    return STANDARD;
  }

  /**
   * Parses and validates an event.
   *
   * @throws EventValidationException with every violation found
   */
  public EventEnvelope parse(byte[] json) {
    List<Violation> violations = new ArrayList<>();
    EventEnvelope event = read(json, violations);
    if (event == null) {
      throw new EventValidationException(violations);
    }
    return event;
  }

  /** Parses and validates an already-parsed JSON tree (e.g. one element of a batch). */
  public EventEnvelope parse(JsonNode tree) {
    List<Violation> violations = new ArrayList<>();
    EventEnvelope event = readTree(tree, violations);
    if (event == null) {
      throw new EventValidationException(violations);
    }
    return event;
  }

  /** Every violation in {@code json}; empty when it is a valid event. */
  public List<Violation> validate(byte[] json) {
    List<Violation> violations = new ArrayList<>();
    read(json, violations);
    return List.copyOf(violations);
  }

  /** Every violation in an event built in code; empty when it is valid. */
  public List<Violation> validate(EventEnvelope event) {
    List<Violation> violations = new ArrayList<>();
    readTree(toTree(event), violations);
    return List.copyOf(violations);
  }

  /**
   * The canonical JSON bytes of an event (UTF-8): the envelope's attributes in canonical order,
   * then {@code data}, written straight to the output (no intermediate tree: every accepted
   * webhook passes here).
   */
  public byte[] serialize(EventEnvelope event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator json = mapper.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringProperty(EnvelopeReader.SPECVERSION, EventEnvelope.SPEC_VERSION);
      json.writeStringProperty(EnvelopeReader.ID, event.id());
      json.writeStringProperty(EnvelopeReader.SOURCE, event.source());
      json.writeStringProperty(EnvelopeReader.TYPE, event.type().wireName());
      json.writeStringProperty(EnvelopeReader.TIME, event.time().toString());
      json.writeStringProperty(EnvelopeReader.DATACONTENTTYPE, EventEnvelope.DATA_CONTENT_TYPE);
      writeIfPresent(json, EnvelopeReader.SUBJECT, event.subject());
      writeIfPresent(json, EnvelopeReader.TRIGGERID, event.triggerId());
      writeIfPresent(json, EnvelopeReader.IDEMPOTENCYKEY, event.idempotencyKey());
      writeIfPresent(json, EnvelopeReader.ENVIRONMENT, event.environment());
      json.writeName(EnvelopeReader.DATA);
      mapper.writeValue(json, event.data());
      json.writeEndObject();
    }
    return out.toByteArray();
  }

  /** The canonical JSON of an event as a string. */
  public String serializeToString(EventEnvelope event) {
    return new String(serialize(event), StandardCharsets.UTF_8);
  }

  /**
   * The event as a JSON tree, members in canonical order: read back from {@link #serialize}, the
   * one place that order is written.
   */
  public ObjectNode toTree(EventEnvelope event) {
    return (ObjectNode) mapper.readTree(serialize(event));
  }

  /** Reads a JSON tree, e.g. a request body a web framework already parsed. */
  public JsonNode readTree(byte[] json) {
    return mapper.readTree(json);
  }

  /**
   * A reader of JSON trees with the wire settings whose nodes are made by {@code nodes}: a caller
   * can adjust values as they are read (e.g. clean strings) instead of copying the tree
   * afterwards. Readers are immutable and thread-safe; keep one.
   */
  public ObjectReader treeReader(JsonNodeFactory nodes) {
    return mapper.reader().with(nodes);
  }

  private EventEnvelope read(byte[] json, List<Violation> violations) {
    JsonNode root;
    try {
      root = mapper.readTree(json);
    } catch (JacksonException e) {
      violations.add(new Violation(ViolationKind.MALFORMED_JSON, "", "not valid JSON" + where(e)));
      return null;
    }
    return readTree(root, violations);
  }

  private EventEnvelope readTree(JsonNode root, List<Violation> violations) {
    if (root == null || !root.isObject()) {
      violations.add(new Violation(ViolationKind.MALFORMED_JSON, "", "an event must be a JSON object"));
      return null;
    }
    EnvelopeReader.Attributes attributes = EnvelopeReader.read(root, violations);
    EventType type = attributes.type();
    JsonNode data = attributes.data();
    if (type != null && data != null) {
      RecordShape.of(type.payloadType()).validate(data, "/" + EnvelopeReader.DATA, violations);
    }
    if (!violations.isEmpty()) {
      return null;
    }
    EventPayload payload = (EventPayload) RecordShape.of(type.payloadType()).bind(data);
    return new EventEnvelope(attributes.id(), attributes.source(), type, attributes.time(),
        attributes.subject(), attributes.triggerId(), attributes.idempotencyKey(), attributes.environment(), payload);
  }

  private static void writeIfPresent(JsonGenerator json, String name, String value) {
    if (value != null) {
      json.writeStringProperty(name, value);
    }
  }

  private static String where(JacksonException e) {
    TokenStreamLocation location = e.getLocation();
    return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
