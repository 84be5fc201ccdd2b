package dev.vastmesh.registry.instance;

import org.jspecify.annotations.Nullable;

/** What a heartbeat may report; every part is optional and absent parts keep their value. */
public record Heartbeat(
    @Nullable InstanceStatus status,
    @Nullable Double curLoad,
    @Nullable Double maxPerf,
    @Nullable Integer requestsWorking,
    @Nullable String note) {

  public static final Heartbeat EMPTY = new Heartbeat(null, null, null, null, null);
}
