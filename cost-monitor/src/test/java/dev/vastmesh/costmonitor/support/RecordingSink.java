package dev.vastmesh.costmonitor.support;

import dev.vastmesh.costmonitor.events.EventSink;
import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.EventType;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event published, for assertions. */
public final class RecordingSink implements EventSink {

  private final List<EventEnvelope> events = new CopyOnWriteArrayList<>();

  @Override
  public void publish(EventEnvelope event) {
    events.add(event);
  }

  public List<EventEnvelope> all() {
    return List.copyOf(events);
  }

  public List<EventEnvelope> ofType(EventType type) {
    return events.stream().filter(e -> e.type() == type).toList();
  }

  public void clear() {
    events.clear();
  }
}
