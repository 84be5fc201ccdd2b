package dev.vastmesh.registry.support;

import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.EventType;
import dev.vastmesh.registry.events.RegistryEventListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every event the registry emits, for assertions. */
public final class RecordingListener implements RegistryEventListener {

  private final List<EventEnvelope> events = new CopyOnWriteArrayList<>();

  @Override
  public void onEvent(EventEnvelope event) {
    events.add(event);
  }

  public List<EventEnvelope> events() {
    return List.copyOf(events);
  }

  public List<EventType> types() {
    return events.stream().map(EventEnvelope::type).toList();
  }

  public void clear() {
    events.clear();
  }
}
