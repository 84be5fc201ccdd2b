package dev.vastmesh.events;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Redis stream contract between producers (webhook-gateway, registry-service) and the
 * event router in Redis mode: producers {@code XADD} each canonical event to {@link #STREAM}
 * with its JSON in the {@link #EVENT_FIELD} field; the router reads it with a consumer group.
 */
public final class EventStreams {

  /** The default stream key. */
  public static final String STREAM = "vastmesh:events";
  /** The field holding the event's canonical JSON. */
  public static final String EVENT_FIELD = "event";
  /** The field holding the event's type, so tools can see it without parsing. */
  public static final String TYPE_FIELD = "type";
  /** The field holding the event's id. */
  public static final String ID_FIELD = "id";

  private EventStreams() {
  }

  /** The fields of the stream entry of {@code event}, whose canonical JSON is {@code json}. */
  public static Map<String, String> fields(EventEnvelope event, byte[] json) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(ID_FIELD, event.id());
    fields.put(TYPE_FIELD, event.type().wireName());
    fields.put(EVENT_FIELD, new String(json, StandardCharsets.UTF_8));
    return fields;
  }
}
