package dev.vastmesh.events.payload;

/** Payloads of the {@code vastai.deployment.*} events that CI deploy jobs emit. */
public sealed interface DeploymentPayload extends EventPayload
    permits DeploymentStarted, DeploymentCompleted, DeploymentFailed {

  String deploymentId();
}
