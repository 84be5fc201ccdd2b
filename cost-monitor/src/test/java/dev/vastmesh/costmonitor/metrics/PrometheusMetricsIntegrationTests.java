package dev.vastmesh.costmonitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.testsupport.FakeHttpServer;
import dev.vastmesh.testsupport.FakeHttpServer.Reply;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The cost figures as Prometheus reads them, after samples of an account with a running and a
 * stopped instance: the names the rules and dashboard use, HELP on each, and {@code promtool
 * check metrics} clean (it needs Debian's prometheus package; -Dvastmesh.prometheus-tools.optional=true skips).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "vastmesh.cost-monitor.sample-interval=200ms", "vastmesh.cost-monitor.vast.read-key=k", "vastmesh.cost-monitor.vast.rate-limits=false",
    "vastmesh.cost-monitor.tokens[0].name=t", "vastmesh.cost-monitor.tokens[0].value=metrics-token",
    "vastmesh.cost-monitor.tokens[0].scopes=admin",
    "vastmesh.cost-monitor.budgets[0].id=fleet", "vastmesh.cost-monitor.budgets[0].period=day", "vastmesh.cost-monitor.budgets[0].limit=100"})
class PrometheusMetricsIntegrationTests {

  static final FakeHttpServer VAST = FakeHttpServer.start()
      .on("/api/v1/instances/", request -> Reply.json(200, "{\"instances\":["
          + "{\"id\":11,\"actual_status\":\"running\",\"gpu_name\":\"RTX 4090\",\"dph_total\":0.5,\"dph_base\":0.4,\"storage_total_cost\":0.1},"
          + "{\"id\":12,\"actual_status\":\"stopped\",\"gpu_name\":\"A100 SXM4\",\"dph_total\":1.2,\"dph_base\":1.0,\"storage_total_cost\":0.2}]}"))
      .on("/api/v0/users/current/", request -> Reply.json(200, "{\"id\":1,\"balance\":80.25}"))
      .on("/api/v0/charges/", request -> Reply.json(200, "{\"results\":[{\"source\":\"instance-11\",\"amount\":0.75}]}"));

  @LocalServerPort
  int port;

  @DynamicPropertySource
  static void vast(DynamicPropertyRegistry properties) {
    properties.add("vastmesh.cost-monitor.vast.url", VAST::url);
  }

  @AfterAll
  static void close() {
    VAST.close();
  }

  String scrape() throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
        .header("Authorization", "Bearer metrics-token").build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  void theCostFiguresAreExportedWithHelpAndBoundedLabels() throws Exception {
    await().atMost(Duration.ofSeconds(30)).until(() -> scrape().contains("vastmesh_cost_dollars_total{environment=\"none\"}"));
    String metrics = scrape();

    assertThat(metrics).contains("vastmesh_instance_hourly_cost_dollars{environment=\"none\",gpu=\"RTX 4090\",instance_id=\"11\",state=\"running\"} 0.5")
        .contains("vastmesh_instance_hourly_cost_dollars{environment=\"none\",gpu=\"A100 SXM4\",instance_id=\"12\",state=\"stopped\"} 0.2")
        .contains("vastmesh_instance_storage_hourly_cost_dollars{environment=\"none\",gpu=\"A100 SXM4\",instance_id=\"12\",state=\"stopped\"} 0.2")
        .contains("vastmesh_account_balance_dollars 80.25")
        .contains("vastmesh_budget_limit_dollars{budget=\"fleet\",environment=\"all\"} 100.0")
        .contains("vastmesh_budget_spent_dollars{budget=\"fleet\",environment=\"all\"}")
        .contains("vastmesh_cost_sample_failures_total{reason=\"empty\",source=\"instances\"} 0.0")
        .contains("vastmesh_orphans_found 0.0")
        .contains("vastmesh_orphans_reaped_total 0.0")
        .contains("vastmesh_cost_reconciliation_difference_dollars")
        .contains("vastmesh_cost_enforcement_enabled 0.0");
    for (String name : new String[] {"vastmesh_instance_hourly_cost_dollars", "vastmesh_cost_dollars_total", "vastmesh_account_balance_dollars",
        "vastmesh_budget_spent_dollars", "vastmesh_cost_sample_failures_total", "vastmesh_orphans_reaped_total"}) {
      assertThat(metrics).contains("# HELP " + name + " ");
    }
    assertThat(metrics).doesNotContain("=\"k\"");
  }

  @Test
  void promtoolFindsNothingToComplainAbout() throws Exception {
    await().atMost(Duration.ofSeconds(30)).until(() -> scrape().contains("vastmesh_cost_dollars_total"));
    Path promtool = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":")).map(dir -> Path.of(dir, "promtool"))
        .filter(Files::isExecutable).findFirst().orElse(null);
    if (promtool == null) {
      String missing = "promtool is not on the PATH (apt-get install -y prometheus; .ci/run installs it)";
      if (Boolean.getBoolean("vastmesh.prometheus-tools.optional")) {
        Assumptions.abort(missing + "; skipped because -Dvastmesh.prometheus-tools.optional=true");
      }
      throw new AssertionError(missing);
    }
    Process process = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(scrape().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).isBlank();
  }
}
