package dev.vastmesh.events.payload;

/**
 * A worker reports it is degraded: serving, but not well ({@code vastai.health.degraded}).
 *
 * @param previousStatus the status before this change
 * @param reason why, as the worker or the registry put it
 */
public record HealthDegraded(
    @Constraints.Min(1) long instanceId,
    HealthStatus previousStatus,
    @Constraints.MaxLength(1024) String reason) implements HealthPayload {
}
