package dev.vastmesh.worker.serving;

import dev.vastmesh.worker.report.WorkerStatus;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.SignalType;

/**
 * One forwarded request's bookkeeping, settled once when it ends however it ends. Written from
 * the event loops of the client's and the model server's connections, hence volatile.
 */
final class Forwarding {

  /** How a forwarded request ended, with the protocol's status word for it. */
  enum Result {
    SUCCEEDED("Success"), FAILED("Error"), CANCELLED("Cancelled");

    final String status;

    Result(String status) {
      this.status = status;
    }
  }

  final ServedRoute route;
  final long requestIdx;
  final double workload;
  final long queuedNanos = System.nanoTime();
  final double enteredAt = System.currentTimeMillis() / 1000.0;
  volatile double startedAt = enteredAt;
  volatile long upstreamNanos;
  volatile Result result = Result.FAILED;
  volatile String outcome = "upstream_failed";
  /** The model server's answer has a small declared length and is being gathered, to go out whole. */
  volatile boolean gathering;
  /** Set when the end is known for certain; a cancel signal after it changes nothing. */
  volatile boolean settled;

  Forwarding(ServedRoute route, long requestIdx, double workload) {
    this.route = route;
    this.requestIdx = requestIdx;
    this.workload = workload;
  }

  void settle(Result result, String outcome) {
    this.result = result;
    this.outcome = outcome;
    this.settled = true;
  }

  /** The request's turn came: it goes to the model server now. */
  void started() {
    startedAt = System.currentTimeMillis() / 1000.0;
    upstreamNanos = System.nanoTime();
    route.queueWait().record(upstreamNanos - queuedNanos, TimeUnit.NANOSECONDS);
  }

  /** Releases the workload and records the end: meters, and the autoscaler's report. */
  void finish(SignalType signal, Admission admission, WorkerStatus status) {
    if (!settled && signal == SignalType.CANCEL) {
      // The client left: waiting for its turn, for the model server, or during the answer.
      settle(Result.CANCELLED, "client_disconnected");
    }
    admission.leave(workload);
    if (upstreamNanos != 0) {
      route.upstream().record(System.nanoTime() - upstreamNanos, TimeUnit.NANOSECONDS);
    }
    route.count(outcome);
    Result end = result;
    status.finished(new WorkerStatus.Finished(requestIdx, end == Result.SUCCEEDED, end.status, enteredAt, startedAt,
        System.currentTimeMillis() / 1000.0), workload, end == Result.CANCELLED);
  }
}
