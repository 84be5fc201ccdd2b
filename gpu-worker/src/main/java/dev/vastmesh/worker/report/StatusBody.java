package dev.vastmesh.worker.report;

import dev.vastmesh.worker.config.WorkerProperties;
import dev.vastmesh.worker.lifecycle.StartupFailureBeacon;
import dev.vastmesh.worker.lifecycle.WorkerState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of {@code POST {addr}/worker_status/}, field by field as Vast's worker sends it.
 *
 * <ul>
 *   <li>{@code version}: the version of Vast's worker whose protocol this worker speaks
 *       ({@link StartupFailureBeacon#VERSION}), since that is what the autoscaler knows;
 *   <li>{@code max_perf}: 0.0 until the worker has loaded (benchmarked and healthy), as Vast's
 *       worker sets it only then — admission meanwhile uses the configured figure;
 *   <li>{@code additional_disk_usage}: {@link DiskGrowth};
 *   <li>while errored before it ever loaded: the start-up failure beacon's body.
 * </ul>
 */
public final class StatusBody {

  private StatusBody() {
  }

  /** @param counters {@link WorkerStatus}'s per-period counters and request figures */
  public static Map<String, Object> of(WorkerProperties.Vast vast, WorkerState state, double curLoad, double maxPerf,
      Map<String, Object> counters, double additionalDiskUsage) {
    if (state.phase() == WorkerState.Phase.ERRORED && !state.loaded()) {
      return StartupFailureBeacon.body(vast.containerId(), vast.masterToken(), state.errorMessage(), vast.publicUrl());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", vast.containerId());
    body.put("mtoken", vast.masterToken() == null ? "" : vast.masterToken());
    body.put("version", StartupFailureBeacon.VERSION);
    body.put("loadtime", state.loadtime());
    body.put("cur_load", curLoad);
    body.putAll(counters);
    body.put("max_perf", state.loaded() ? maxPerf : 0.0);
    body.put("error_msg", state.errorMessage());
    body.put("additional_disk_usage", additionalDiskUsage);
    body.put("cur_capacity", 0);
    body.put("max_capacity", 0);
    body.put("url", vast.publicUrl() == null ? "" : vast.publicUrl().toString());
    return body;
  }
}
