package dev.vastmesh.events.payload;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one health check of a worker ({@code vastai.health.check}).
 *
 * @param curLoad the workload in flight, in the worker's workload units
 * @param maxPerf the benchmarked throughput, workload units per second
 * @param requestsWorking requests being served right now
 */
public record HealthCheck(
    @Constraints.Min(1) long instanceId,
    HealthStatus status,
    @Nullable @Constraints.MaxLength(1024) String note,
    @Nullable @Constraints.Min(0) Double curLoad,
    @Nullable @Constraints.Min(0) Double maxPerf,
    @Nullable @Constraints.Min(0) Integer requestsWorking) implements HealthPayload {
}
