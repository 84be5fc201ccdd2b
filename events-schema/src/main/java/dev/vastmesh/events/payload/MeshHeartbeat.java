package dev.vastmesh.events.payload;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A registered instance renewed its registration ({@code vastai.mesh.heartbeat}).
 *
 * @param status the instance's status after this heartbeat, e.g. {@code ready}
 * @param expiresAt the new expiry: exactly this heartbeat's time plus the instance's TTL
 */
public record MeshHeartbeat(
    @Constraints.Min(1) long instanceId,
    @Constraints.MaxLength(64) String status,
    Instant expiresAt,
    @Nullable @Constraints.Min(0) Double curLoad,
    @Nullable @Constraints.Min(0) Double maxPerf,
    @Nullable @Constraints.Min(0) Integer requestsWorking) implements MeshPayload {
}
