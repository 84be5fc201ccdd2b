package dev.vastmesh.worker.serving;

import dev.vastmesh.worker.config.WorkerProperties;
import dev.vastmesh.worker.lifecycle.WorkerState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import dev.vastmesh.worker.report.WorkerStatus;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ServingConfiguration {

  @Bean
  WorkerState workerState() {
    return new WorkerState();
  }

  @Bean
  Admission admission(WorkerProperties properties) {
    return new Admission(properties.vast().maxPerf());
  }

  /** The serving routes, ahead of WebFlux on the worker's listener. */
  @Bean
  ServingRoutes servingRoutes(WorkerProperties properties, Callers callers, Sessions sessions, Admission admission,
      WorkerStatus status, ModelServer modelServer, MeterRegistry meters) {
    return new ServingRoutes(properties, callers, sessions, admission, status, modelServer, meters);
  }

  @Bean(destroyMethod = "close")
  ModelServer modelServer(WorkerProperties properties) {
    // As many connections as requests may be forwarded at once; the FIFO handlers need only one.
    return new ModelServer(properties.modelServer(), 1024);
  }

  /** The figures the autoscaler sees, for Prometheus too; the phase is one series per phase, 1 for the current one. */
  @Bean
  MeterBinder workerGauges(Admission admission, WorkerState state, Sessions sessions, WorkerStatus status) {
    return registry -> {
      Gauge.builder("vastmesh.worker.reports.dropped", status, WorkerStatus::droppedFinished)
          .description("finished requests dropped unreported while the autoscaler was unreachable").register(registry);
      Gauge.builder("vastmesh.worker.load", admission, Admission::currentLoad)
          .description("workload in flight").register(registry);
      Gauge.builder("vastmesh.worker.max.perf", admission, Admission::maxPerf)
          .description("benchmarked throughput, workload per second").register(registry);
      Gauge.builder("vastmesh.worker.sessions.open", sessions, Sessions::size)
          .description("sessions open on this worker").register(registry);
      Gauge.builder("vastmesh.worker.load.time.seconds", state, WorkerState::loadtime)
          .description("seconds from start until ready; 0 before").register(registry);
      for (WorkerState.Phase phase : WorkerState.Phase.values()) {
        Gauge.builder("vastmesh.worker.phase", state, s -> s.phase() == phase ? 1 : 0)
            .tag("phase", phase.name().toLowerCase(java.util.Locale.ROOT))
            .description("1 for the phase the worker is in (loading, ready, degraded, errored), 0 for the others")
            .register(registry);
      }
    };
  }
}
