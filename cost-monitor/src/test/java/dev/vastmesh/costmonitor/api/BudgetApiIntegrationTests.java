package dev.vastmesh.costmonitor.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.testsupport.AuthCase;
import dev.vastmesh.testsupport.OpenApiContract;
import dev.vastmesh.testsupport.ServiceClient;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The budget API against openapi/cost-monitor.openapi.yml (every answer under /api/ is checked
 * against it), its validation, and who may do what. The sampling loop is off: no Vast here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    ServiceClient.GENERATED_API_DOCS_PROPERTY,
    "vastmesh.cost-monitor.sampling=false",
    "vastmesh.cost-monitor.vast.read-key=" + BudgetApiIntegrationTests.VAST_KEY,
    "vastmesh.cost-monitor.tokens[0].name=ops", "vastmesh.cost-monitor.tokens[0].value=" + BudgetApiIntegrationTests.WRITE,
    "vastmesh.cost-monitor.tokens[0].scopes=write",
    "vastmesh.cost-monitor.tokens[1].name=dash", "vastmesh.cost-monitor.tokens[1].value=" + BudgetApiIntegrationTests.READ,
    "vastmesh.cost-monitor.tokens[1].scopes=read",
    "vastmesh.cost-monitor.budgets[0].id=fleet", "vastmesh.cost-monitor.budgets[0].period=month",
    "vastmesh.cost-monitor.budgets[0].limit=500", "vastmesh.cost-monitor.budgets[0].action=alert"})
class BudgetApiIntegrationTests {

  static final String VAST_KEY = "vast-reading-key-never-shown";
  static final String WRITE = "cost-write-token";
  static final String READ = "cost-read-token";

  @LocalServerPort
  int port;

  ServiceClient http() {
    return new ServiceClient(port, OpenApiContract.of("cost-monitor.openapi.yml"));
  }

  @Test
  void runningServiceHasExactlyTheContractsOperations() {
    http().assertServesExactlyTheContract("/api/v1", 5);
  }

  @Test
  void apiDocsAreTheContractFile() {
    http().assertApiDocsAreTheContractFile("cost-monitor.openapi.yml");
  }

  @Test
  void configuredBudgetsAreListed() {
    ServiceClient.Response list = http().get("/api/v1/budgets", "", READ);

    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().get("budgets").get(0).get("id").asString()).isEqualTo("fleet");
    assertThat(list.json().get("budgets").get(0).get("period").asString()).isEqualTo("month");
  }

  @Test
  void aBudgetIsCreatedReplacedReadAndRemoved() {
    String body = "{\"scope\":\"environment\",\"match\":\"prod\",\"period\":\"day\",\"limit\":40,\"action\":\"destroy_instances\","
        + "\"grace_seconds\":300}";
    assertThat(http().send("PUT", "/api/v1/budgets/{id}", "", WRITE, body, "application/json", "prod-day").status()).isEqualTo(201);
    assertThat(http().send("PUT", "/api/v1/budgets/{id}", "", WRITE, body.replace("40", "50"), "application/json", "prod-day").status())
        .isEqualTo(200);

    ServiceClient.Response read = http().get("/api/v1/budgets/{id}", "", READ, "prod-day");
    assertThat(read.json().get("limit").doubleValue()).isEqualTo(50.0);
    assertThat(read.json().get("action").asString()).isEqualTo("destroy_instances");
    assertThat(read.json().get("grace_seconds").longValue()).isEqualTo(300);

    assertThat(http().delete("/api/v1/budgets/{id}", WRITE, "prod-day").status()).isEqualTo(204);
    assertThat(http().get("/api/v1/budgets/{id}", "", READ, "prod-day").status()).isEqualTo(404);
  }

  @Test
  void aBurnRateBudgetHasNoPeriodAndADryRunIsAnAction() {
    ServiceClient.Response created = http().send("PUT", "/api/v1/budgets/{id}", "", WRITE,
        "{\"burn_rate\":true,\"limit\":12.5,\"action\":\"dry-run\"}", "application/json", "rate");

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().has("period")).isFalse();
    assertThat(created.json().get("action").asString()).isEqualTo("dry-run");
  }

  @Test
  void everyInvalidValueIsListed() {
    ServiceClient.Response refused = http().send("PUT", "/api/v1/budgets/{id}", "", WRITE,
        "{\"scope\":\"galaxy\",\"period\":\"fortnight\",\"action\":\"panic\"}", "application/json", "bad");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("errors").findValuesAsString("pointer")).contains("/scope", "/period", "/action", "/limit");
  }

  @Test
  void aBudgetNeedsAPeriodOrABurnRateAndAScopedOneAMatch() {
    ServiceClient.Response refused = http().send("PUT", "/api/v1/budgets/{id}", "", WRITE,
        "{\"scope\":\"environment\",\"limit\":5,\"warn_at\":2}", "application/json", "Bad_Id");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("errors").findValuesAsString("pointer")).contains("/period", "/match", "/warn_at");
    assertThat(refused.json().get("errors").findValuesAsString("parameter")).contains("id");
  }

  @Test
  void statusSaysEnforcementIsOffWithoutTheActingKey() {
    ServiceClient.Response status = http().get("/api/v1/status", "", READ);

    assertThat(status.json().get("enforcement").booleanValue()).isFalse();
    ServiceClient.Response health = http().get("/actuator/health", "", READ);
    assertThat(health.body()).contains("off: no acting key").doesNotContain(VAST_KEY);
  }

  @Test
  void theVastKeyAppearsNowhere() {
    for (String path : new String[] {"/actuator/health", "/actuator/prometheus", "/actuator/info", "/api/v1/status", "/api/v1/budgets"}) {
      assertThat(http().get(path, "", READ).body()).as(path).doesNotContain(VAST_KEY);
    }
    assertThat(http().get("/api/v1/budgets/{id}", "", READ, "nope").body()).doesNotContain(VAST_KEY);
  }

  static Stream<AuthCase> refusals() {
    return Stream.of(
        new AuthCase("GET", "/api/v1/budgets", "no token", null, 401, "unauthenticated"),
        new AuthCase("GET", "/api/v1/status", "wrong token", "nope-not-a-token", 401, "unauthenticated"),
        new AuthCase("PUT", "/api/v1/budgets/{id}", "read scope", READ, 403, "forbidden"),
        new AuthCase("DELETE", "/api/v1/budgets/{id}", "read scope", READ, 403, "forbidden"),
        new AuthCase("DELETE", "/api/v1/budgets/{id}", "no token", null, 401, "unauthenticated"));
  }

  @ParameterizedTest
  @MethodSource("refusals")
  void refusedCallsChangeNothing(AuthCase refusal) {
    String body = refusal.method().equals("PUT") ? "{\"limit\":1}" : null;
    refusal.assertRefused(http().send(refusal.method(), refusal.path(), "", refusal.token(), body, body == null ? null : "application/json",
        "fleet"));
    assertThat(http().get("/api/v1/budgets/{id}", "", READ, "fleet").json().get("limit").doubleValue()).isEqualTo(500.0);
  }
}
