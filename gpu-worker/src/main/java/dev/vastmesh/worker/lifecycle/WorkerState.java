package dev.vastmesh.worker.lifecycle;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the worker is in its life, as the autoscaler, the registry and the event stream see it:
 * loading until the model is loaded, benchmarked and healthy; then ready, degraded (a slow health
 * answer) or errored (the model log reported an error, the benchmark found nothing working, or
 * the health check failed). Errored is final, as in Vast's worker: the autoscaler replaces it.
 */
public final class WorkerState {

  private static final Logger log = LoggerFactory.getLogger(WorkerState.class);

  /** The phases; {@link #ERRORED} is terminal. */
  public enum Phase { LOADING, READY, DEGRADED, ERRORED }

  /** A change of phase, with why (an error message, or a health figure). */
  public record Change(Phase from, Phase to, String reason) {
  }

  private final long startedNanos = System.nanoTime();
  private final List<java.util.function.Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
  private volatile Phase phase = Phase.LOADING;
  private volatile String errorMessage = "";
  private volatile double loadtime;

  public Phase phase() {
    return phase;
  }

  /** Non-empty once errored: the protocol's {@code error_msg}. */
  public String errorMessage() {
    return errorMessage;
  }

  /** Seconds from start until ready; 0 before. */
  public double loadtime() {
    return loadtime;
  }

  public boolean loaded() {
    return loadtime > 0;
  }

  public void onChange(java.util.function.Consumer<Change> listener) {
    listeners.add(listener);
  }

  public void ready() {
    synchronized (this) {
      if (loadtime == 0) {
        loadtime = Math.max((System.nanoTime() - startedNanos) / 1e9, 1e-3);
      }
    }
    move(Phase.READY, "ready");
  }

  public void degraded(String reason) {
    move(Phase.DEGRADED, reason);
  }

  public void errored(String message) {
    synchronized (this) {
      if (phase == Phase.ERRORED) {
        return;
      }
      errorMessage = message;
    }
    log.error("worker errored: {}", message);
    move(Phase.ERRORED, message);
  }

  private void move(Phase to, String reason) {
    Change change;
    synchronized (this) {
      if (phase == to || phase == Phase.ERRORED) {
        return;
      }
      change = new Change(phase, to, reason);
      phase = to;
    }
    for (var listener : listeners) {
      try {
        listener.accept(change);
      } catch (RuntimeException e) {
        log.warn("a listener failed on {}: {}", change, e.toString());
      }
    }
  }
}
