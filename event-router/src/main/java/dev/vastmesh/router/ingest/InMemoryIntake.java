package dev.vastmesh.router.ingest;

import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.router.delivery.EventDispatcher;
import java.util.List;

/** The embedded mode: straight onto the in-memory lanes (lost if the process dies before delivery). */
public final class InMemoryIntake implements EventIntake {

  private final EventDispatcher dispatcher;

  public InMemoryIntake(EventDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public void accept(List<EventEnvelope> events, List<byte[]> jsons) {
    for (int i = 0; i < events.size(); i++) {
      dispatcher.dispatch(events.get(i), jsons.get(i), () -> { });
    }
  }
}
