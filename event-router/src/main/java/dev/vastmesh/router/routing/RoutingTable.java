package dev.vastmesh.router.routing;

import dev.vastmesh.events.EventType;
import dev.vastmesh.router.config.RouterProperties;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which agents each event type goes to, resolved once from the configured routes. "Machine
 * events require explicit routing — no defaults": every route must name known agents and match
 * at least one type, and (unless told otherwise) every type must have a route, or start-up fails
 * listing what is missing.
 */
public final class RoutingTable {

  private final Map<EventType, List<Agent>> byType = new EnumMap<>(EventType.class);
  private final Map<String, Agent> agents;

  public RoutingTable(RouterProperties properties, Map<String, Agent> agents) {
    this.agents = Map.copyOf(agents);
    List<String> problems = new ArrayList<>();
    Map<EventType, Set<Agent>> resolved = new EnumMap<>(EventType.class);
    for (int i = 0; i < properties.routes().size(); i++) {
      RouterProperties.Route route = properties.routes().get(i);
      List<EventType> types = matching(route.match());
      if (types.isEmpty()) {
        problems.add("routes[" + i + "].match '" + route.match() + "' matches no event type");
      }
      for (String name : route.agents()) {
        Agent agent = agents.get(name);
        if (agent == null) {
          problems.add("routes[" + i + "] names agent '" + name + "', which is not configured under agents");
          continue;
        }
        types.forEach(type -> resolved.computeIfAbsent(type, t -> new LinkedHashSet<>()).add(agent));
      }
    }
    resolved.forEach((type, set) -> byType.put(type, List.copyOf(set)));
    if (properties.requireAllRoutes()) {
      List<String> unrouted = java.util.Arrays.stream(EventType.values()).filter(t -> !byType.containsKey(t))
          .map(EventType::wireName).toList();
      if (!unrouted.isEmpty()) {
        problems.add("event types without a route (machine events require explicit routing): " + String.join(", ", unrouted));
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("invalid routing table: " + String.join("; ", problems));
    }
  }

  /** The agents of {@code type}; empty when it has no route. */
  public List<Agent> agentsFor(EventType type) {
    return byType.getOrDefault(type, List.of());
  }

  public Map<String, Agent> agents() {
    return agents;
  }

  /** The effective table: type → agent names, every type listed. */
  public Map<String, List<String>> describe() {
    Map<String, List<String>> table = new LinkedHashMap<>();
    for (EventType type : EventType.values()) {
      table.put(type.wireName(), agentsFor(type).stream().map(Agent::name).toList());
    }
    return table;
  }

  static List<EventType> matching(String match) {
    if (match.endsWith(".*")) {
      String prefix = match.substring(0, match.length() - 1);
      return java.util.Arrays.stream(EventType.values()).filter(t -> t.wireName().startsWith(prefix)).toList();
    }
    return EventType.fromWireName(match).map(List::of).orElse(List.of());
  }
}
