package dev.vastmesh.events.payload;

import org.jspecify.annotations.Nullable;

/**
 * An instance is being prepared: image pull, container start ({@code vastai.instance.provisioning}).
 *
 * @param actualStatus Vast's {@code actual_status} at the time, e.g. {@code loading}
 * @param statusMessage Vast's {@code status_msg}, useful to tell a slow pull from a stuck one
 * @param elapsedSeconds seconds since the instance was created
 */
public record InstanceProvisioning(
    @Constraints.Min(1) long instanceId,
    @Nullable Long contractId,
    String actualStatus,
    @Nullable @Constraints.MaxLength(4096) String statusMessage,
    @Nullable @Constraints.Min(0) Long elapsedSeconds) implements InstancePayload {
}
