package dev.vastmesh.worker.serving;

import dev.vastmesh.worker.config.WorkerProperties;
import dev.vastmesh.worker.workload.WorkloadCalculator;
import dev.vastmesh.worker.workload.Workloads;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A served route with its model server target, meters and fixed answers, built once: a meter
 * lookup or a client configuration per request is measurable.
 */
record ServedRoute(String path, boolean plainPath, WorkerProperties.Handler handler, ModelServer.Target target, WorkloadCalculator workload,
    int maxBytes, byte[] tooLarge, Timer queueWait, Timer upstream, Counter rejectedLoad, Map<String, Counter> outcomes,
    MeterRegistry meters) {

  static ServedRoute of(WorkerProperties.Handler handler, ModelServer modelServer, MeterRegistry meters) {
    String path = handler.route();
    int maxBytes = (int) handler.maxRequestSize().toBytes();
    return new ServedRoute(path, plain(path), handler, modelServer.target(path), Workloads.parse(handler.workload()), maxBytes,
        Answers.tooLarge(maxBytes),
        Timer.builder("vastmesh.worker.queue.wait").description("time a request waited for its turn").tag("route", path).register(meters),
        Timer.builder("vastmesh.worker.upstream").description("model server time, to the end of its answer").tag("route", path).register(meters),
        Counter.builder("vastmesh.worker.rejected.load").description("workload refused with 429").tag("route", path).register(meters),
        new ConcurrentHashMap<>(), meters);
  }

  /**
   * Whether a request target equal to the path resolves to the path itself: only unreserved
   * characters, sub-delimiters, ':', '@' and '/' (no percent-encoding, no character a URI refuses).
   */
  static boolean plain(String path) {
    return path.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0));
  }

  boolean fifo() {
    return !handler.allowParallelRequests();
  }

  void count(String outcome) {
    // Bounded: outcomes are a fixed set plus upstream_1xx..5xx.
    outcomes.computeIfAbsent(outcome, o -> Counter.builder("vastmesh.worker.requests").description("requests by route and outcome")
        .tag("route", path).tag("outcome", o).register(meters)).increment();
  }
}
