package dev.vastmesh.events.payload;

import org.jspecify.annotations.Nullable;

/**
 * An instance's worker finished loading and serves requests ({@code vastai.instance.ready}).
 *
 * @param workerUrl the public URL of the worker, e.g. {@code https://203.0.113.4:41234}
 * @param loadTimeSeconds seconds from start until ready, as the worker measured it
 */
public record InstanceReady(
    @Constraints.Min(1) long instanceId,
    @Nullable Long contractId,
    @Nullable String workerUrl,
    @Nullable String gpuName,
    @Nullable @Constraints.Min(0) Double loadTimeSeconds) implements InstancePayload {
}
