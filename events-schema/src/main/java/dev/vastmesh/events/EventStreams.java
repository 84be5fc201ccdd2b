package dev.vastmesh.events;

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
}
