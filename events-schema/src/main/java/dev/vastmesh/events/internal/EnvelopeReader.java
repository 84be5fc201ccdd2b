package dev.vastmesh.events.internal;

import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.EventType;
import dev.vastmesh.events.Violation;
import dev.vastmesh.events.ViolationKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Checks the CloudEvents context attributes of an event object and reads them.
 *
 * <p>Policy: the envelope is closed. A top-level member that is not a CloudEvents 1.0 attribute
 * we use or one of our extensions is rejected ({@link ViolationKind#UNKNOWN_ATTRIBUTE}), as are
 * unknown payload fields: every producer and consumer of vastmesh events ships with this one
 * library, so an unknown member is a producer's typo or a version skew to surface, not data to
 * lose silently. New fields are added as optional first, consumers upgraded, then producers.
 */
public final class EnvelopeReader {

  public static final String SPECVERSION = "specversion";
  public static final String ID = "id";
  public static final String SOURCE = "source";
  public static final String TYPE = "type";
  public static final String TIME = "time";
  public static final String DATACONTENTTYPE = "datacontenttype";
  public static final String SUBJECT = "subject";
  public static final String TRIGGERID = "triggerid";
  public static final String IDEMPOTENCYKEY = "idempotencykey";
  public static final String ENVIRONMENT = "environment";
  public static final String DATA = "data";

  /** Every member an envelope may have, in the order the codec writes them. */
  public static final List<String> MEMBERS = List.of(SPECVERSION, ID, SOURCE, TYPE, TIME,
      DATACONTENTTYPE, SUBJECT, TRIGGERID, IDEMPOTENCYKEY, ENVIRONMENT, DATA);
  // Looked up once per member of every event read: a hash lookup, not a walk of the list.
  private static final Set<String> KNOWN = Set.copyOf(MEMBERS);
  public static final Set<String> REQUIRED = Set.of(SPECVERSION, ID, SOURCE, TYPE, TIME, DATACONTENTTYPE, DATA);

  private EnvelopeReader() {
  }

  /** The attributes read from an envelope; fields are null where the attribute was invalid. */
  public record Attributes(
      @Nullable String id,
      @Nullable String source,
      @Nullable EventType type,
      @Nullable Instant time,
      @Nullable String subject,
      @Nullable String triggerId,
      @Nullable String idempotencyKey,
      @Nullable String environment,
      @Nullable JsonNode data) {
  }

  public static Attributes read(JsonNode root, List<Violation> out) {
    for (String name : root.propertyNames()) {
      if (!KNOWN.contains(name)) {
        out.add(new Violation(ViolationKind.UNKNOWN_ATTRIBUTE, "/" + JsonNames.pointerToken(name),
            "attribute '" + RecordShape.Text.clip(name) + "' is not part of the vastmesh event envelope"));
      }
    }
    String specversion = text(root, SPECVERSION, out);
    if (specversion != null && !specversion.equals(EventEnvelope.SPEC_VERSION)) {
      out.add(new Violation(ViolationKind.UNSUPPORTED_SPECVERSION, "/" + SPECVERSION,
          "specversion must be '1.0', not '" + RecordShape.Text.clip(specversion) + "'"));
    }
    String id = text(root, ID, out);
    String source = text(root, SOURCE, out);
    if (source != null && !isUriReference(source)) {
      out.add(malformed(SOURCE, "source must be a URI reference"));
      source = null;
    }
    EventType type = null;
    String typeName = text(root, TYPE, out);
    if (typeName != null) {
      type = EventType.fromWireName(typeName).orElse(null);
      if (type == null) {
        out.add(new Violation(ViolationKind.UNKNOWN_TYPE, "/" + TYPE,
            "type '" + RecordShape.Text.clip(typeName) + "' is not a vastai.* event type"));
      }
    }
    Instant time = null;
    String timeText = text(root, TIME, out);
    if (timeText != null) {
      switch (Rfc3339.parse(timeText)) {
        case Rfc3339.Utc utc -> time = utc.instant();
        case Rfc3339.NotUtc notUtc -> out.add(new Violation(ViolationKind.NON_UTC_TIME, "/" + TIME,
            "time must be in UTC (Z), not at offset " + notUtc.offset()));
        case Rfc3339.Invalid invalid -> out.add(new Violation(ViolationKind.INVALID_TIME, "/" + TIME,
            "time must be an RFC 3339 timestamp such as 2026-01-04T12:00:00Z"));
      }
    }
    String contentType = text(root, DATACONTENTTYPE, out);
    if (contentType != null && !isJson(contentType)) {
      out.add(malformed(DATACONTENTTYPE, "datacontenttype must be application/json"));
    }
    String subject = text(root, SUBJECT, out);
    String triggerId = text(root, TRIGGERID, out);
    String idempotencyKey = text(root, IDEMPOTENCYKEY, out);
    String environment = text(root, ENVIRONMENT, out);
    JsonNode data = root.get(DATA);
    if (data == null || data.isNull()) {
      out.add(missing(DATA));
      data = null;
    } else if (!data.isObject()) {
      out.add(malformed(DATA, "data must be a JSON object"));
      data = null;
    }
    return new Attributes(id, source, type, time, subject, triggerId, idempotencyKey, environment, data);
  }

  /** A string attribute, or null after recording why it is unusable (missing when required, not a string, empty). */
  private static @Nullable String text(JsonNode root, String name, List<Violation> out) {
    JsonNode node = root.get(name);
    if (node == null || node.isNull()) {
      if (REQUIRED.contains(name)) {
        out.add(missing(name));
      }
      return null;
    }
    if (!node.isString()) {
      out.add(malformed(name, name + " must be a string"));
      return null;
    }
    if (node.stringValue().isEmpty()) {
      out.add(malformed(name, name + " must not be empty"));
      return null;
    }
    return node.stringValue();
  }

  private static boolean isUriReference(String value) {
    try {
      new URI(value);
      return true;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static boolean isJson(String contentType) {
    if (contentType.equals(EventEnvelope.DATA_CONTENT_TYPE)) {
      return true; // as every event we write says it
    }
    String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return mediaType.equals(EventEnvelope.DATA_CONTENT_TYPE);
  }

  private static Violation missing(String name) {
    return new Violation(ViolationKind.MISSING_ATTRIBUTE, "/" + name, "attribute '" + name + "' is required");
  }

  private static Violation malformed(String name, String message) {
    return new Violation(ViolationKind.MALFORMED_ATTRIBUTE, "/" + name, message);
  }
}
