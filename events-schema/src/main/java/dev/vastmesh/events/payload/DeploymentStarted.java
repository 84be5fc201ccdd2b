package dev.vastmesh.events.payload;

import org.jspecify.annotations.Nullable;

/**
 * A deploy job began ({@code vastai.deployment.started}).
 *
 * @param deploymentId the deployment's own id, stable across the three deployment events
 * @param pipelineId the CI pipeline that runs it, e.g. GitLab's pipeline id
 * @param query the Vast offer search query the deployment rents from
 * @param requestedInstances how many instances the deployment wants, when the producer knows
 */
public record DeploymentStarted(
    @Constraints.MaxLength(256) String deploymentId,
    @Nullable String pipelineId,
    @Nullable String project,
    @Nullable String ref,
    @Nullable String image,
    @Nullable @Constraints.MaxLength(4096) String query,
    @Nullable @Constraints.Min(1) Integer requestedInstances) implements DeploymentPayload {
}
