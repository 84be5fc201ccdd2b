package dev.vastmesh.events.payload;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A deploy job gave up ({@code vastai.deployment.failed}).
 *
 * @param instanceIds instances the job had rented before failing (destroyed again, or to clean up)
 */
public record DeploymentFailed(
    @Constraints.MaxLength(256) String deploymentId,
    @Nullable String pipelineId,
    ErrorDetail error,
    List<Long> instanceIds) implements DeploymentPayload {

  public DeploymentFailed {
    instanceIds = Copies.list(instanceIds);
  }
}
