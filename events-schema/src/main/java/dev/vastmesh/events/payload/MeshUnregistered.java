package dev.vastmesh.events.payload;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An instance left the registry: deregistered, or its TTL ran out ({@code vastai.mesh.unregistered}).
 *
 * @param lastHeartbeat the last heartbeat received before it left
 */
public record MeshUnregistered(
    @Constraints.Min(1) long instanceId,
    UnregisterReason reason,
    @Nullable Instant lastHeartbeat) implements MeshPayload {
}
