package dev.vastmesh.router.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastmesh.events.EventType;
import dev.vastmesh.router.config.RouterProperties;
import dev.vastmesh.support.config.StateMode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingTableTests {

  private static final Agent OPS = agent("cluster-operator");
  private static final Agent COST = agent("cost-intelligence-monitor");

  private static Agent agent(String name) {
    return new Agent(name, new RouterProperties.Agent(URI.create("http://127.0.0.1:1/" + name), null, Duration.ofSeconds(1),
        3, 1, Duration.ofMillis(10), Duration.ofMillis(10)), "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  }

  private static RouterProperties properties(boolean requireAll, List<RouterProperties.Route> routes) {
    return new RouterProperties(StateMode.MEMORY, requireAll, routes, Map.of(), List.of(),
        new RouterProperties.Circuit(5, Duration.ofSeconds(30)),
        new RouterProperties.Redis("s", "g", null, Duration.ofSeconds(30), "p:", Duration.ofSeconds(10)));
  }

  private static final List<RouterProperties.Route> DESIGN = List.of(
      new RouterProperties.Route("vastai.instance.*", List.of("cluster-operator")),
      new RouterProperties.Route("vastai.deployment.*", List.of("cluster-operator")),
      new RouterProperties.Route("vastai.health.*", List.of("cluster-operator")),
      new RouterProperties.Route("vastai.mesh.*", List.of("cluster-operator")),
      new RouterProperties.Route("vastai.cost.*", List.of("cost-intelligence-monitor")));

  @Test
  void theDesignsTableRoutesEveryType() {
    RoutingTable table = new RoutingTable(properties(true, DESIGN), Map.of("cluster-operator", OPS, "cost-intelligence-monitor", COST));

    assertThat(table.agentsFor(EventType.COST_BUDGET_EXCEEDED)).containsExactly(COST);
    assertThat(table.agentsFor(EventType.MESH_REGISTERED)).containsExactly(OPS);
    assertThat(table.agentsFor(EventType.COST_ACCOUNT_ALERT)).containsExactly(COST);
    assertThat(table.describe()).hasSize(EventType.values().length).allSatisfy((type, agents) -> assertThat(agents).hasSize(1));
  }

  @Test
  void startUpFailsListingEveryUnroutedType() {
    assertThatThrownBy(() -> new RoutingTable(properties(true, DESIGN.subList(0, 4)),
        Map.of("cluster-operator", OPS, "cost-intelligence-monitor", COST)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("vastai.cost.sampled, vastai.cost.threshold_warning, vastai.cost.threshold_exceeded, vastai.cost.budget_exceeded")
        .hasMessageContaining("machine events require explicit routing");
  }

  @Test
  void routesMustNameKnownAgentsAndMatchSomething() {
    assertThatThrownBy(() -> new RoutingTable(properties(false, List.of(
        new RouterProperties.Route("vastai.cost.*", List.of("nobody")),
        new RouterProperties.Route("vastai.gpu.*", List.of("cluster-operator")))), Map.of("cluster-operator", OPS)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("routes[0] names agent 'nobody'")
        .hasMessageContaining("routes[1].match 'vastai.gpu.*' matches no event type");
  }

  @Test
  void exactTypesAndSeveralAgentsPerType() {
    RoutingTable table = new RoutingTable(properties(false, List.of(
        new RouterProperties.Route("vastai.cost.budget_exceeded", List.of("cluster-operator", "cost-intelligence-monitor")),
        new RouterProperties.Route("vastai.cost.*", List.of("cost-intelligence-monitor")))),
        Map.of("cluster-operator", OPS, "cost-intelligence-monitor", COST));

    assertThat(table.agentsFor(EventType.COST_BUDGET_EXCEEDED)).containsExactly(OPS, COST);
    assertThat(table.agentsFor(EventType.COST_SAMPLED)).containsExactly(COST);
    assertThat(table.agentsFor(EventType.MESH_HEARTBEAT)).isEmpty();
  }
}
