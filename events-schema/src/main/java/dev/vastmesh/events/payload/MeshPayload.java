package dev.vastmesh.events.payload;

/** Payloads of the {@code vastai.mesh.*} events that the registry emits. */
public sealed interface MeshPayload extends EventPayload, InstanceScoped
    permits MeshRegistered, MeshUnregistered, MeshHeartbeat {
}
