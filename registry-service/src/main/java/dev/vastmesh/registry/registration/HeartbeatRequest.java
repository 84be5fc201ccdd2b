package dev.vastmesh.registry.registration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** {@code POST /{id}/heartbeat}: an optional body; every field optional. */
public record HeartbeatRequest(
    @Pattern(regexp = Patterns.STATUS, message = Patterns.STATUS_MESSAGE) @Nullable String status,
    @Min(0) @Nullable Double curLoad,
    @Min(0) @Nullable Double maxPerf,
    @Min(0) @Nullable Integer requestsWorking,
    @Size(max = 1024) @Pattern(regexp = Patterns.PRINTABLE, message = Patterns.PRINTABLE_MESSAGE) @Nullable String note) {
}
