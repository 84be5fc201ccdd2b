package dev.vastmesh.events.payload;

/** Payloads of the {@code vastai.health.*} events. */
public sealed interface HealthPayload extends EventPayload, InstanceScoped
    permits HealthCheck, HealthDegraded, HealthUnhealthy {
}
