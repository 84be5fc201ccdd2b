package dev.vastmesh.router.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.events.EventType;
import dev.vastmesh.testsupport.ServiceClient;
import dev.vastmesh.testsupport.ServiceClient.Response;
import dev.vastmesh.router.support.RouterClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The running router matches openapi/event-router.openapi.yml; and with the "no defaults" rule
 * relaxed, an event whose type has no route is refused with 422 (not a validation problem: the
 * event is valid) and counted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "vastmesh.router.require-all-routes=false",
    "vastmesh.router.routes[0].match=vastai.mesh.*", "vastmesh.router.routes[0].agents[0]=cluster-operator",
    "vastmesh.router.tokens[0].name=gateway", "vastmesh.router.tokens[0].value=ingest-token", "vastmesh.router.tokens[0].scopes=ingest",
    ServiceClient.GENERATED_API_DOCS_PROPERTY})
class RouterContractAndUnroutableTests {

  @LocalServerPort
  int port;

  @Test
  void runningServiceHasExactlyTheContractsOperations() {
    new RouterClient(port).assertServesExactlyTheContract("/api/", 8);
    new RouterClient(port).assertApiDocsAreTheContractFile("event-router.openapi.yml");
  }

  @Test
  void anEventWithoutARouteIsRefusedWith422AndCounted() {
    RouterClient api = new RouterClient(port);
    String cost = RouterIntegrationTests.event(EventType.COST_SAMPLED, "1");

    Response refused = api.send("POST", "/api/v1/events", "", "ingest-token", cost, "application/json");

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().get("type").asString()).isEqualTo("https://vastmesh.dev/problems/unroutable-event");
    assertThat(api.get("/actuator/prometheus", "", null).body())
        .contains("vastmesh_router_events_unroutable_total{type=\"vastai.cost.sampled\"} 1.0");
  }
}
