package dev.vastmesh.events.payload;

/** Payloads of the {@code vastai.instance.*} lifecycle events. */
public sealed interface InstancePayload extends EventPayload, InstanceScoped
    permits InstanceCreated, InstanceProvisioning, InstanceReady, InstanceFailed, InstanceTerminated {
}
