package dev.vastmesh.examples.controlplane;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** The fleet dashboard of deploy/grafana, read as Grafana reads it: panels, their queries, variables. */
record GrafanaDashboard(JsonNode json) {

  static final Path FILE = PrometheusTools.DEPLOY.resolve("grafana/dashboards/vastmesh-fleet.json");
  private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*\\w+\\)");

  /** One query of one panel. */
  record Query(String panel, String refId, String expr) {
  }

  static GrafanaDashboard load() throws IOException {
    return new GrafanaDashboard(EndToEnd.JSON.readTree(Files.readString(FILE)));
  }

  /** Every panel that is not a row, rows' nested panels included. */
  List<JsonNode> panels() {
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode panel : json.path("panels")) {
      if (panel.path("type").asString().equals("row")) {
        panel.path("panels").forEach(panels::add);
      } else {
        panels.add(panel);
      }
    }
    return panels;
  }

  /** Every panel query and every query variable's series selector, as PromQL. */
  List<Query> queries() {
    List<Query> queries = new ArrayList<>();
    for (JsonNode panel : panels()) {
      for (JsonNode target : panel.path("targets")) {
        queries.add(new Query(panel.path("title").asString(), target.path("refId").asString(), target.path("expr").asString()));
      }
    }
    for (JsonNode variable : json.path("templating").path("list")) {
      if (variable.path("type").asString().equals("query")) {
        Matcher labelValues = LABEL_VALUES.matcher(variable.path("query").path("query").asString());
        if (!labelValues.matches()) {
          throw new IllegalStateException("variable " + variable.path("name").asString() + " is not a label_values(...) query");
        }
        queries.add(new Query("$" + variable.path("name").asString(), "variable", labelValues.group(1)));
      }
    }
    return queries;
  }

  /**
   * A rule file with one recording rule per query: {@code promtool check rules} on it parses
   * every expression with Prometheus' own parser.
   */
  String asRuleFile() {
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
    List<Query> queries = queries();
    for (int i = 0; i < queries.size(); i++) {
      rules.append("      - record: dashboard_query_").append(i).append('\n')
          .append("        expr: ").append(EndToEnd.JSON.writeValueAsString(PromQl.withGrafanaVariables(queries.get(i).expr())))
          .append('\n');
    }
    return rules.toString();
  }
}
