package dev.vastmesh.costmonitor.budget;

/** What a budget or the reaper may do to an instance; only with the acting key. */
public interface Actions {

  void stop(long instanceId);

  void destroy(long instanceId);
}
