package dev.vastmesh.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.simulator.support.Admin;
import dev.vastmesh.simulator.support.Sim;
import dev.vastmesh.simulator.support.SimulatorTest;
import dev.vastmesh.testsupport.ServiceClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The running simulator and openapi/vast-simulator.openapi.yml describe the same API: the same
 * paths, methods and parameters, for the Vast-compatible part and the admin API. Bodies are
 * checked on every answer of the tests that use {@link Admin}'s client.
 */
@SimulatorTest
class OpenApiContractTests {

  @LocalServerPort
  int port;

  @Test
  void theVastCompatibleOperationsAreExactlyTheContracts() {
    ServiceClient http = new Admin(port).http();
    http.assertServesExactlyTheContract("/api/", 21);
  }

  @Test
  void theAdminOperationsAreExactlyTheContracts() {
    new Admin(port).http().assertServesExactlyTheContract("/admin/", 10);
    for (String autoscaler : new String[] {"/pubkey/", "/worker_status/", "/delete_requests/", "/route/"}) {
      new Admin(port).http().assertServesExactlyTheContract(autoscaler, 1);
    }
  }

  @Test
  void swaggerUiServesTheContractFile() {
    ServiceClient.Response file = new Admin(port).http().get("/openapi/vast-simulator.openapi.yml", "", null);
    assertThat(file.status()).isEqualTo(200);
    assertThat(file.body()).startsWith("openapi: 3.1.0");
  }

  @Test
  void vastCallsWithoutOrWithAWrongKeyAnswerAsVast() {
    ServiceClient http = new Admin(port).http();
    ServiceClient.Response none = http.get("/api/v0/users/current/", "", null);
    assertThat(none.status()).isEqualTo(403);
    assertThat(none.json().get("msg").asString()).isEqualTo("This action requires login.");
    ServiceClient.Response wrong = http.get("/api/v0/users/current/", "", "not-a-key");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.json().get("error").asString()).isEqualTo("auth_error");
    assertThat(http.get("/api/v0/users/current/", "api_key=" + Sim.KEY, null).status()).as("Vast takes ?api_key= too").isEqualTo(200);
  }

  @Test
  void malformedBodiesAndQueriesAnswerVastsErrorShapeNeverAProblem() {
    ServiceClient http = new Admin(port).http();
    ServiceClient.Response notJson = http.send("POST", "/api/v0/bundles/", "", Sim.KEY, "{not json", "application/json");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.header("Content-Type")).startsWith("application/json");
    assertThat(notJson.json().get("success").booleanValue()).isFalse();
    ServiceClient.Response badCreate = http.send("PUT", "/api/v0/asks/{offerId}/", "", Sim.KEY, "{\"image\":\"x\",\"disk\":2}",
        "application/json", 1);
    assertThat(badCreate.status()).isEqualTo(400);
    assertThat(badCreate.json().get("msg").asString()).contains("8 GB");
    ServiceClient.Response badId = http.get("/api/v0/instances/{id}/", "", Sim.KEY, "abc");
    assertThat(badId.status()).isEqualTo(400);
    ServiceClient.Response computed = http.get("/api/v1/instances/", "select_filters=%7B%22dph_total%22%3A%7B%22lt%22%3A1%7D%7D",
        Sim.KEY);
    assertThat(computed.status()).as("Vast refuses its computed fields in select_filters").isEqualTo(400);
    ServiceClient.Response badToken = http.get("/api/v1/instances/", "after_token=bm9wZQ", Sim.KEY);
    assertThat(badToken.status()).isEqualTo(400);
    assertThat(badToken.json().get("error").asString()).isEqualTo("invalid_token");
    ServiceClient.Response noDays = http.get("/api/v0/charges/", "select_filters=%7B%7D", Sim.KEY);
    assertThat(noDays.status()).isEqualTo(400);
    assertThat(noDays.json().get("msg").asString()).isEqualTo("Must provide both 'day' gte and lte filters for instance charges");
    ServiceClient.Response noWhen = http.get("/api/v1/invoices/", "", Sim.KEY);
    assertThat(noWhen.status()).isEqualTo(200);
    assertThat(noWhen.json().get("error").asString()).isEqualTo("Invalid date range");
    ServiceClient.Response badState = http.send("PUT", "/api/v0/instances/{id}/", "", Sim.KEY, "{\"state\":\"paused\"}",
        "application/json", 1);
    assertThat(badState.status()).as("no such instance comes first").isEqualTo(404);
    assertThat(badState.json().get("error").asString()).isEqualTo("no_such_instance");
  }
}
