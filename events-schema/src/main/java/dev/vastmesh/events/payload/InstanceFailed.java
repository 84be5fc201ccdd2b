package dev.vastmesh.events.payload;

import org.jspecify.annotations.Nullable;

/**
 * An instance could not be brought up or broke while running ({@code vastai.instance.failed}).
 *
 * @param lastStatus the last {@code actual_status} seen before the failure
 */
public record InstanceFailed(
    @Constraints.Min(1) long instanceId,
    @Nullable Long contractId,
    ErrorDetail error,
    @Nullable String lastStatus) implements InstancePayload {
}
