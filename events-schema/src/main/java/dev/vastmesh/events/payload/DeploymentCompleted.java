package dev.vastmesh.events.payload;

import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A deploy job finished and its instances are ready ({@code vastai.deployment.completed}).
 *
 * @param instanceIds the instances the deployment runs on
 * @param costPerHour the summed hourly price of those instances in {@code currency}
 */
public record DeploymentCompleted(
    @Constraints.MaxLength(256) String deploymentId,
    @Nullable String pipelineId,
    List<Long> instanceIds,
    @Nullable @Constraints.Min(0) Long durationSeconds,
    @Nullable @Constraints.Min(0) BigDecimal costPerHour,
    @Nullable @Constraints.Pattern(Constraints.CURRENCY) String currency) implements DeploymentPayload {

  public DeploymentCompleted {
    instanceIds = Copies.list(instanceIds);
  }
}
