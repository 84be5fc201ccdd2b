package dev.vastmesh.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmCompilationMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class PrometheusLintFilterTests {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  PrometheusLintFilterTests() {
    registry.config().meterFilter(new PrometheusLintFilter());
  }

  @Test
  void frameworkTimersWithoutADescriptionGetHelpText() {
    Timer.builder("http.server.requests").tag("uri", "/api").register(registry).record(java.time.Duration.ofMillis(3));
    Timer.builder("tasks.scheduled.execution").tag("code.function", "sweep").register(registry);

    assertThat(registry.scrape())
        .contains("# HELP http_server_requests_seconds HTTP requests served, by method, URI template, status and outcome\n")
        .contains("# HELP tasks_scheduled_execution_seconds Runs of scheduled tasks, by task and outcome\n")
        .contains("http_server_requests_seconds_count{uri=\"/api\"} 1");
  }

  @Test
  void aDescriptionTheMeterBringsIsKept() {
    Counter.builder("http.client.requests").description("calls to the router").register(registry);

    assertThat(registry.scrape()).contains("# HELP http_client_requests_total calls to the router\n");
  }

  @Test
  void binderMetersTheLintRefusesAreDroppedAndTheirNeighboursStay() {
    new JvmCompilationMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    Gauge.builder("tomcat.sessions.active.current", () -> 0).register(registry);

    String scrape = registry.scrape();
    assertThat(scrape).doesNotContain("jvm_compilation_time_ms").doesNotContain("process_cpu_time_ns")
        .doesNotContain("system_cpu_count").doesNotContain("tomcat_sessions");
    assertThat(scrape).contains("system_cpu_usage").contains("process_cpu_usage");
  }

  @Test
  void theAutoConfigurationRegistersTheFilter() {
    new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PrometheusLintAutoConfiguration.class))
        .run(context -> assertThat(context).hasSingleBean(PrometheusLintFilter.class));
  }
}
