package dev.vastmesh.worker.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.worker.config.WorkerProperties;
import dev.vastmesh.worker.lifecycle.WorkerState;
import dev.vastmesh.worker.serving.Admission;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class AutoscalerReporterTests {

  // Every connection goes to a closed local port: nothing leaves the machine.
  final HttpClient nowhere = HttpClient.newBuilder().proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", 1))).build();

  private AutoscalerReporter reporter(String reportAddr, WorkerStatus status) {
    WorkerProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
        "vastmesh.worker.vast.container-id", "5", "vastmesh.worker.vast.report-addr", reportAddr)))
        .bindOrCreate(WorkerProperties.PREFIX, WorkerProperties.class);
    return new AutoscalerReporter(properties, status, new Admission(1), new WorkerState(), nowhere, Duration.ofMillis(1), Path.of("."));
  }

  @Test
  void withOnlyVastsConsoleNoFinishedRequestIsKeptForDeleteRequests() {
    WorkerStatus status = new WorkerStatus();
    AutoscalerReporter reporter = reporter("https://cloud.vast.ai/api/v0", status);
    try {
      reporter.start();
      status.finished(new WorkerStatus.Finished(1, true, "Success", 1.0, 1.0, 2.0), 1, false);
      assertThat(status.takeFinished()).isEmpty();
    } finally {
      reporter.stop();
    }
  }
}
