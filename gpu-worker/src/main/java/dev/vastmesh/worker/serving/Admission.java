package dev.vastmesh.worker.serving;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Vast's admission and queueing: the estimated wait is the workload in flight divided by the
 * benchmarked throughput; a request whose handler would wait longer than its max queue time is
 * refused (429). Handlers that do not allow parallel requests share one FIFO, one at a time.
 */
public final class Admission {

  private final DoubleAdder inFlight = new DoubleAdder();
  private final FifoTurns fifo = new FifoTurns();
  private volatile double maxPerf;

  public Admission(double maxPerf) {
    this.maxPerf = maxPerf;
  }

  /** Seconds a new request would wait behind the workload in flight. */
  public double estimatedWaitSeconds() {
    return inFlight.sum() / Math.max(maxPerf, 1e-5);
  }

  public void setMaxPerf(double value) {
    maxPerf = value;
  }

  public double maxPerf() {
    return maxPerf;
  }

  public double currentLoad() {
    return inFlight.sum();
  }

  void enter(double workload) {
    inFlight.add(workload);
  }

  void leave(double workload) {
    inFlight.add(-workload);
  }

  /** Requests waiting for their turn on the shared FIFO. */
  int waitingForFifoTurn() {
    return fifo.waiting();
  }

  /** Runs {@code work} in its turn on the shared FIFO, one request at a time, in arrival order. */
  <T> Mono<T> inFifoTurn(Supplier<Mono<T>> work) {
    return fifo.inTurn(work);
  }
}
