package dev.vastmesh.worker.report;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The figures the autoscaler reads, as the serving path changes them: workload received, served
 * and rejected since the last report (reset after a successful report), the cumulative number of
 * requests, the request indexes in flight, and the finished requests still to be reported.
 *
 * <p>Finished requests wait for the next {@code delete_requests} report, so they are kept only
 * while something reports them, and never more than {@link #MAX_UNREPORTED}: without an
 * autoscaler, or with one unreachable for long, they would otherwise pile up for good.
 */
@Component
public class WorkerStatus {

  /** A finished request, as {@code /delete_requests/} reports it. */
  public record Finished(long requestIdx, boolean success, String status, double enteredQueueAt, double workStartedAt,
      double workCompletedAt) {
  }

  private double newLoad;
  private double curPerf;
  private double rejLoad;
  private long received;
  private long version;
  private final Set<Long> working = ConcurrentHashMap.newKeySet();
  /** Ten seconds of a busy worker's requests; the oldest go first when the autoscaler is away. */
  static final int MAX_UNREPORTED = 100_000;

  private final ArrayDeque<Finished> finished = new ArrayDeque<>();
  private boolean keepFinished = true;
  private long droppedFinished;

  public synchronized void received(long requestIdx, double workload) {
    newLoad += workload;
    received++;
    working.add(requestIdx);
    version++;
  }

  public synchronized void rejected(double workload) {
    rejLoad += workload;
    version++;
  }

  /**
   * @param cancelled the client went away: the workload was not served, and the protocol's
   *     {@code new_load} (received − cancelled) takes it back
   */
  public synchronized void finished(Finished request, double workload, boolean cancelled) {
    if (cancelled) {
      newLoad -= workload;
    } else {
      curPerf += workload;
    }
    working.remove(request.requestIdx());
    if (keepFinished) {
      if (finished.size() >= MAX_UNREPORTED) {
        finished.removeFirst();
        droppedFinished++;
      }
      finished.addLast(request);
    }
    version++;
  }

  /** Nothing reports finished requests (no autoscaler configured): stop keeping them. */
  public synchronized void discardFinished() {
    keepFinished = false;
    finished.clear();
  }

  /** Finished requests dropped unreported because {@link #MAX_UNREPORTED} were waiting. */
  public synchronized long droppedFinished() {
    return droppedFinished;
  }

  /** Marks the figures changed, so the next tick reports. */
  public synchronized void touch() {
    version++;
  }

  /** The report's counters; {@code version} tells whether anything changed since the last one. */
  public synchronized Map<String, Object> counters() {
    Map<String, Object> counters = new LinkedHashMap<>();
    counters.put("new_load", newLoad);
    counters.put("rej_load", rejLoad);
    counters.put("cur_perf", curPerf);
    counters.put("num_requests_working", working.size());
    counters.put("num_requests_recieved", received);
    counters.put("working_request_idxs", List.copyOf(working));
    return counters;
  }

  synchronized long version() {
    return version;
  }

  /** After a successful report the per-period counters start again (the protocol's reset). */
  synchronized void reset(Map<String, Object> sent) {
    newLoad -= (double) sent.get("new_load");
    rejLoad -= (double) sent.get("rej_load");
    curPerf -= (double) sent.get("cur_perf");
  }

  synchronized List<Finished> takeFinished() {
    List<Finished> taken = List.copyOf(finished);
    finished.clear();
    return taken;
  }

  /** A report that failed: its requests go back in front, within the same bound. */
  synchronized void putBack(List<Finished> requests) {
    for (int i = requests.size() - 1; i >= 0; i--) {
      if (finished.size() >= MAX_UNREPORTED) {
        droppedFinished++;
        continue;
      }
      finished.addFirst(requests.get(i));
    }
  }
}
