package dev.vastmesh.costmonitor.events;

import dev.vastmesh.events.EventEnvelope;

/** Where the cost events go; never blocks the sample. */
public interface EventSink {

  void publish(EventEnvelope event);
}
