package dev.vastmesh.events.payload;

import org.jspecify.annotations.Nullable;

/**
 * What went wrong, for failure events.
 *
 * @param code a stable, machine-readable error code (e.g. {@code offer_unavailable})
 * @param message a human-readable explanation; never contains secrets
 * @param retryable whether retrying the same operation may succeed, when known
 */
public record ErrorDetail(
    @Constraints.MaxLength(128) String code,
    @Constraints.MaxLength(4096) String message,
    @Nullable Boolean retryable) {
}
