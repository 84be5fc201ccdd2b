package dev.vastmesh.simulator.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.simulator.support.Admin;
import dev.vastmesh.simulator.support.Sim;
import dev.vastmesh.simulator.support.SimulatorTest;
import dev.vastmesh.testsupport.ServiceClient;
import dev.vastmesh.vastai.VastClient;
import dev.vastmesh.vastai.VastException;
import dev.vastmesh.vastai.deploy.DeployRequest;
import dev.vastmesh.vastai.deploy.DeployResult;
import dev.vastmesh.vastai.deploy.Deployer;
import dev.vastmesh.vastai.internal.EndpointRateLimiter;
import dev.vastmesh.vastai.model.CreateInstance;
import dev.vastmesh.vastai.model.Instance;
import dev.vastmesh.vastai.search.OfferSearch;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Each fault a real Vast user has hit, and the fleet's client and deployer meeting it: the
 * deployer's failover runs against the simulator's faults, not against canned answers.
 */
@SimulatorTest
class FaultsIntegrationTests {

  @LocalServerPort
  int port;

  private Admin admin;
  private final List<String> progress = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    admin = new Admin(port);
  }

  @AfterEach
  void cleanUp() {
    admin.clear();
    admin.send("PUT", "/admin/v1/rate-limits", Sim.ADMIN, "{\"enabled\":false}");
    VastClient vast = Sim.client(port);
    vast.listInstances().forEach(i -> vast.destroyInstance(i.id()));
  }

  /** Offers 2 then 1 (cheapest first, both RTX 4090): the first fails, the second must come up. */
  private DeployResult deploy(@Nullable Double bid) throws InterruptedException {
    DeployRequest request = new DeployRequest(OfferSearch.parse("gpu_name=RTX_4090").orderBy("dph+"), 5.0,
        CreateInstance.of("sim/stand-in", 10), 2, Duration.ofMillis(50), Duration.ofSeconds(3), Duration.ofSeconds(20), null, bid);
    return new Deployer(Sim.client(port), progress::add).deploy(request);
  }

  private static DeployResult.Ready ready(DeployResult result) {
    assertThat(result).isInstanceOf(DeployResult.Ready.class);
    return (DeployResult.Ready) result;
  }

  @Test
  void aTakenOfferAnswers410AndTheDeployerRentsTheNext() throws Exception {
    admin.arm("{\"kind\":\"offer_taken\",\"offer_id\":2,\"times\":1}");
    assertThat(ready(deploy(null)).offerId()).isEqualTo(1);
    assertThat(progress).anyMatch(line -> line.contains("offer 2 is gone"));
  }

  @Test
  void anInstanceStuckInLoadingIsReplaced() throws Exception {
    admin.arm("{\"kind\":\"stuck_loading\",\"offer_id\":2,\"times\":1}");
    assertThat(ready(deploy(null)).offerId()).isEqualTo(1);
    assertThat(progress).anyMatch(line -> line.contains("stuck"));
  }

  @Test
  void anInstanceThatExitsIsReplaced() throws Exception {
    admin.arm("{\"kind\":\"crash\",\"offer_id\":2,\"times\":1}");
    assertThat(ready(deploy(null)).offerId()).isEqualTo(1);
    assertThat(progress).anyMatch(line -> line.contains("ended as exited"));
  }

  @Test
  void aRunningContainerThatCrashesEndsExited() {
    VastClient vast = Sim.client(port);
    long id = vast.createInstance(1, CreateInstance.of("sim/stand-in", 10));
    await().atMost(Duration.ofSeconds(15)).until(() -> "running".equals(vast.showInstance(id).orElseThrow().actualStatus()));
    assertThat(admin.send("POST", "/admin/v1/instances/{id}/crash", Sim.ADMIN, null, id).status()).isEqualTo(204);
    Instance exited = await().atMost(Duration.ofSeconds(10)).until(() -> vast.showInstance(id).orElseThrow(), Instance::terminal);
    assertThat(exited.actualStatus()).isEqualTo("exited");
  }

  @Test
  void anOutbidInterruptibleIsStoppedWithVastsStateTripleAndReplaced() throws Exception {
    admin.arm("{\"kind\":\"outbid\",\"offer_id\":2,\"times\":1}");
    DeployResult.Ready ready = ready(deploy(0.25));
    assertThat(ready.offerId()).isEqualTo(1);
    assertThat(progress).anyMatch(line -> line.contains("was outbid"));

    VastClient vast = Sim.client(port);
    assertThat(admin.send("POST", "/admin/v1/instances/{id}/outbid", Sim.ADMIN, null, ready.instanceId()).status()).isEqualTo(204);
    Instance outbid = vast.showInstance(ready.instanceId()).orElseThrow();
    assertThat(outbid.outbid()).isTrue();
    assertThat(outbid.actualStatus()).isEqualTo("stopped");
  }

  @Test
  void aBidRentedOnDemandIsNoticedAndReplaced() throws Exception {
    admin.arm("{\"kind\":\"on_demand_instead_of_bid\",\"offer_id\":2,\"times\":1}");
    assertThat(ready(deploy(0.25)).offerId()).isEqualTo(1);
    assertThat(progress).anyMatch(line -> line.contains("rented on-demand"));
  }

  @Test
  void rateLimitsAnswer429WithoutRetryAfterAtVastsThresholds() {
    assertThat(admin.send("PUT", "/admin/v1/rate-limits", Sim.ADMIN, "{\"enabled\":true}").status()).isEqualTo(200);
    ServiceClient http = admin.http();
    ServiceClient.Response first = http.get("/api/v0/instances/{id}/", "owner=me", Sim.KEY, 1);
    ServiceClient.Response second = http.get("/api/v0/instances/{id}/", "owner=me", Sim.KEY, 1);
    assertThat(first.status()).isEqualTo(200);
    assertThat(second.status()).isEqualTo(429);
    assertThat(second.header("Retry-After")).isNull();
    assertThat(second.json().get("detail").asString()).isEqualTo("API requests too frequent endpoint threshold=2.0");
    assertThat(http.get("/api/v0/instances/{id}/", "owner=me", Sim.OTHER_KEY, 1).status())
        .as("limits are per account").isEqualTo(200);

    // The client spacing calls by the documented thresholds (scaled as the simulator's are) never sees one.
    Map<EndpointRateLimiter.Endpoint, Duration> spacing = EndpointRateLimiter.documented().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().dividedBy(5).plusMillis(150)));
    VastClient spaced = VastClient.builder(Sim.OTHER_KEY).baseUrl("http://127.0.0.1:" + port).rateLimits(spacing).retries(1, Duration.ZERO).build();
    for (int i = 0; i < 5; i++) {
      assertThat(spaced.listInstances()).isEmpty();
    }
  }

  @Test
  void aBurstOf5xxIsRetriedByTheClientAndALongerOneIsAnError() {
    VastClient vast = Sim.client(port);
    admin.arm("{\"kind\":\"server_error\",\"endpoint\":\"list\",\"times\":2,\"status\":502}");
    assertThat(vast.listInstances()).isEmpty();
    admin.arm("{\"kind\":\"server_error\",\"endpoint\":\"list\",\"times\":3,\"status\":503}");
    assertThatThrownBy(vast::listInstances).isInstanceOfSatisfying(VastException.Api.class, e -> assertThat(e.status()).isEqualTo(503));
  }

  @Test
  void anEmptyOrHtmlListIsAnErrorNeverZeroInstances() {
    VastClient vast = Sim.client(port);
    admin.arm("{\"kind\":\"empty_body\",\"endpoint\":\"list\",\"times\":1}");
    assertThatThrownBy(vast::listInstances).isInstanceOf(VastException.MalformedResponse.class).hasMessageContaining("empty");
    admin.arm("{\"kind\":\"not_json\",\"endpoint\":\"list\",\"times\":1}");
    assertThatThrownBy(vast::listInstances).isInstanceOf(VastException.MalformedResponse.class).hasMessageContaining("not JSON");
    assertThat(vast.listInstances()).isEmpty();
  }

  @Test
  void aSlowAnswerRunsIntoTheClientsTimeout() {
    admin.arm("{\"kind\":\"slow\",\"endpoint\":\"show\",\"times\":0,\"delay\":\"PT3S\"}");
    VastClient impatient = VastClient.builder(Sim.KEY).baseUrl("http://127.0.0.1:" + port).rateLimits(Map.of())
        .retries(1, Duration.ZERO).timeouts(Duration.ofSeconds(2), Duration.ofMillis(300)).build();
    assertThatThrownBy(() -> impatient.showInstance(1)).isInstanceOf(VastException.Transport.class);
  }

  @Test
  void theAdminApiNeedsItsTokenAndRefusesBadFaults() {
    assertThat(admin.send("GET", "/admin/v1/faults", null, null).status()).isEqualTo(401);
    assertThat(admin.send("GET", "/admin/v1/faults", Sim.KEY, null).status()).as("a Vast key is not an admin token").isEqualTo(401);
    assertThat(admin.send("POST", "/admin/v1/faults", Sim.ADMIN, "{\"kind\":\"meteor\"}").status()).isEqualTo(400);
    assertThat(admin.send("POST", "/admin/v1/faults", Sim.ADMIN, "{\"kind\":\"server_error\",\"status\":200}").status()).isEqualTo(400);
    assertThat(admin.send("DELETE", "/admin/v1/faults/{id}", Sim.ADMIN, null, 999_999).status()).isEqualTo(404);
    assertThat(admin.send("POST", "/admin/v1/instances/{id}/outbid", Sim.ADMIN, null, 1).status()).isEqualTo(404);
    long id = admin.arm("{\"kind\":\"slow\",\"times\":0}");
    assertThat(admin.send("GET", "/admin/v1/faults", Sim.ADMIN, null).json().get(0).get("id").longValue()).isEqualTo(id);
    assertThat(admin.send("DELETE", "/admin/v1/faults/{id}", Sim.ADMIN, null, id).status()).isEqualTo(204);
    assertThat(admin.send("GET", "/admin/v1/status", Sim.ADMIN, null).json().has("processes")).isTrue();
    assertThat(admin.send("POST", "/admin/v1/accounts/{userId}/credit", Sim.ADMIN, "{\"amount\":5}", 99).status()).isEqualTo(404);
    assertThat(admin.send("POST", "/admin/v1/accounts/{userId}/credit", Sim.ADMIN, "{\"amount\":0}", 2).status()).isEqualTo(400);
    assertThat(admin.send("POST", "/admin/v1/accounts/{userId}/credit", Sim.ADMIN, "{\"amount\":5}", 2).status()).isEqualTo(201);
  }
}
