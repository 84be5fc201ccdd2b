package dev.vastmesh.events.payload;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A worker is unhealthy: it said so, or it stopped heartbeating ({@code vastai.health.unhealthy}).
 *
 * @param reason why, e.g. {@code heartbeat ttl expired}
 * @param lastHeartbeat the last heartbeat the registry received, when there was one
 */
public record HealthUnhealthy(
    @Constraints.Min(1) long instanceId,
    HealthStatus previousStatus,
    @Constraints.MaxLength(1024) String reason,
    @Nullable Instant lastHeartbeat) implements HealthPayload {
}
