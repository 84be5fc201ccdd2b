package dev.vastmesh.worker.report;

import java.util.ArrayList;
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
  private final List<Finished> finished = new ArrayList<>();

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
    finished.add(request);
    version++;
  }

  /** Marks the figures changed, so the next tick reports. */
  public synchronized void touch() {
    version++;
  }

  /** The report's counters; {@code version} tells whether anything changed since the last one. */
  synchronized Map<String, Object> counters() {
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

  synchronized void putBack(List<Finished> requests) {
    finished.addAll(0, requests);
  }
}
