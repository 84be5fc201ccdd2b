package dev.vastmesh.examples.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The fleet dashboard parses as Grafana and Prometheus read it (the names it uses: the end-to-end tests). */
class GrafanaDashboardTests {

  @TempDir
  Path work;

  @Test
  void everyQueryIsPromqlThatPrometheusParses() throws IOException {
    GrafanaDashboard dashboard = GrafanaDashboard.load();
    Files.writeString(work.resolve("dashboard.yml"), dashboard.asRuleFile());

    String output = PrometheusTools.promtoolSucceeds(work, "check", "rules", "dashboard.yml");

    assertThat(output).contains("SUCCESS: " + dashboard.queries().size() + " rules found");
  }

  @Test
  void anExpressionThatDoesNotParseIsCaught() throws IOException {
    JsonNode broken = EndToEnd.JSON.readTree(Files.readString(GrafanaDashboard.FILE)
        .replace("histogram_quantile(0.99, sum by (route, le) (rate(vastmesh_worker_upstream_seconds_bucket",
            "histogram_quantile(0.99, sum by (route, le) (rate(vastmesh_worker_upstream_seconds_bucket{"));
    Files.writeString(work.resolve("dashboard.yml"), new GrafanaDashboard(broken).asRuleFile());

    PrometheusTools.Run run = PrometheusTools.promtool(work, new byte[0], "check", "rules", "dashboard.yml");

    assertThat(run.exitCode()).as(run.output()).isNotZero();
  }

  @Test
  void everyPanelHasAQueryOnTheChosenPrometheus() throws IOException {
    GrafanaDashboard dashboard = GrafanaDashboard.load();

    assertThat(dashboard.panels()).hasSizeGreaterThanOrEqualTo(15).allSatisfy(panel -> {
      assertThat(panel.path("datasource").path("uid").asString()).as(panel.path("title").asString()).isEqualTo("${datasource}");
      assertThat(panel.path("targets")).as(panel.path("title").asString()).isNotEmpty()
          .allSatisfy(target -> assertThat(target.path("expr").asString()).isNotBlank());
    });
    assertThat(dashboard.json().path("uid").asString()).isEqualTo("vastmesh-fleet");
  }

  @Test
  void theDashboardCoversTheFleetSpendServingAndEvents() throws IOException {
    List<String> exprs = GrafanaDashboard.load().queries().stream().map(GrafanaDashboard.Query::expr).toList();

    assertThat(String.join("\n", exprs)).contains("environment_status:vastmesh_registry_instances:sum", "vastmesh_registry_instances{",
        "environment:vastmesh_cost_dollars:increase1h", "vastmesh_budget_spent_dollars", "route:vastmesh_worker_queue_wait_seconds:p99_5m",
        "vastmesh_gateway_webhooks_total", "vastmesh_router_deliveries_total", "outcome=\"dead_lettered\"");
  }

  @Test
  void metricNamesAreWhatIsLeftOfTheExpression() {
    assertThat(PromQl.metricNames("sum by (route, le) (rate(vastmesh_worker_upstream_seconds_bucket{environment=~\"$environment\"}[5m]))"))
        .containsExactly("vastmesh_worker_upstream_seconds_bucket");
    assertThat(PromQl.metricNames("vastmesh_budget_spent_dollars / on (budget) group_left vastmesh_budget_limit_dollars >= 0.8"))
        .containsExactly("vastmesh_budget_limit_dollars", "vastmesh_budget_spent_dollars");
    assertThat(PromQl.metricNames("max without (instance) (up{job=\"a\"}) == bool 1 offset 5m"))
        .containsExactly("up");
  }
}
