package dev.vastmesh.events.payload;

/** The {@code data} of a canonical event; the closed family of every vastai.* payload. */
public sealed interface EventPayload
    permits InstancePayload, DeploymentPayload, CostPayload, HealthPayload, MeshPayload {
}
