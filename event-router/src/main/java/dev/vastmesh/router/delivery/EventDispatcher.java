package dev.vastmesh.router.delivery;

import dev.vastmesh.events.EventCodec;
import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.router.config.RouterProperties;
import dev.vastmesh.router.deadletter.DeadLetter;
import dev.vastmesh.router.deadletter.DeadLetterStore;
import dev.vastmesh.router.routing.Agent;
import dev.vastmesh.router.routing.RoutingTable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/** Fans each event out to its routed agents and reports when every delivery has settled. */
@Component
public class EventDispatcher implements AutoCloseable {

  /** The event's type has no route: refused (422) and counted, never dropped silently. */
  public static final class UnroutableException extends RuntimeException {
    public UnroutableException(String type) {
      super("no route for event type " + type, null, false, false);
    }
  }

  /** The HELP text of {@code vastmesh_router_events_unroutable_total}, counted here and at ingest. */
  public static final String UNROUTABLE_HELP = "Events refused because no agent is routed for their type";

  private final RoutingTable routes;
  private final Map<String, AgentDispatcher> dispatchers = new LinkedHashMap<>();
  private final MeterRegistry meters;
  private final EventCodec codec = EventCodec.standard();

  public EventDispatcher(RoutingTable routes, RouterProperties properties, DeadLetterStore deadLetters, Clock clock,
      MeterRegistry meters) {
    this.routes = routes;
    this.meters = meters;
    routes.agents().forEach((name, agent) ->
        dispatchers.put(name, new AgentDispatcher(agent, properties.circuit(), deadLetters, clock, meters)));
  }

  /**
   * Queues the event for each of its agents; {@code settled} runs once all have settled.
   *
   * @throws UnroutableException when no agent is routed for its type
   */
  public void dispatch(EventEnvelope event, byte[] json, Runnable settled) {
    List<Agent> agents = routes.agentsFor(event.type());
    if (agents.isEmpty()) {
      Counter.builder("vastmesh.router.events.unroutable").tag("type", event.type().wireName())
          .description(UNROUTABLE_HELP).register(meters).increment();
      throw new UnroutableException(event.type().wireName());
    }
    AtomicInteger remaining = new AtomicInteger(agents.size());
    Runnable onOne = () -> {
      if (remaining.decrementAndGet() == 0) {
        settled.run();
      }
    };
    for (Agent agent : agents) {
      dispatchers.get(agent.name()).submit(new Delivery(Delivery.idOf(event, agent), event, json, agent, onOne));
    }
  }

  /** Whether the event's type has a route (checked before accepting, so a batch is all or nothing). */
  public boolean routable(EventEnvelope event) {
    return !routes.agentsFor(event.type()).isEmpty();
  }

  /** Sends a dead letter again, to its agent only, with its original delivery id. */
  public void replay(DeadLetter letter, Runnable settled) {
    AgentDispatcher dispatcher = dispatchers.get(letter.agent());
    if (dispatcher == null) {
      throw new IllegalStateException("agent " + letter.agent() + " is no longer configured");
    }
    byte[] json = letter.event().getBytes(StandardCharsets.UTF_8);
    EventEnvelope event = codec.parse(json);
    dispatcher.submit(new Delivery(letter.id(), event, json, dispatcher.agent(), settled));
  }

  /** Deliveries waiting or in flight, all agents. */
  public int depth() {
    return dispatchers.values().stream().mapToInt(AgentDispatcher::depth).sum();
  }

  @Override
  public void close() {
    dispatchers.values().forEach(AgentDispatcher::close);
  }
}
