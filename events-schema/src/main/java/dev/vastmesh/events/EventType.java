package dev.vastmesh.events;

import dev.vastmesh.events.payload.CostAccountAlert;
import dev.vastmesh.events.payload.CostBudgetExceeded;
import dev.vastmesh.events.payload.CostSampled;
import dev.vastmesh.events.payload.CostThresholdExceeded;
import dev.vastmesh.events.payload.CostThresholdWarning;
import dev.vastmesh.events.payload.DeploymentCompleted;
import dev.vastmesh.events.payload.DeploymentFailed;
import dev.vastmesh.events.payload.DeploymentStarted;
import dev.vastmesh.events.payload.EventPayload;
import dev.vastmesh.events.payload.HealthCheck;
import dev.vastmesh.events.payload.HealthDegraded;
import dev.vastmesh.events.payload.HealthUnhealthy;
import dev.vastmesh.events.payload.InstanceCreated;
import dev.vastmesh.events.payload.InstanceFailed;
import dev.vastmesh.events.payload.InstanceProvisioning;
import dev.vastmesh.events.payload.InstanceReady;
import dev.vastmesh.events.payload.InstanceTerminated;
import dev.vastmesh.events.payload.MeshHeartbeat;
import dev.vastmesh.events.payload.MeshRegistered;
import dev.vastmesh.events.payload.MeshUnregistered;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every canonical event type: the one closed set, named {@code vastai.<family>.<event>}, with
 * {@code vastai.cost.account_alert} for the provider's own account warnings.
 */
public enum EventType {
  INSTANCE_CREATED("vastai.instance.created", EventFamily.INSTANCE, InstanceCreated.class),
  INSTANCE_PROVISIONING("vastai.instance.provisioning", EventFamily.INSTANCE, InstanceProvisioning.class),
  INSTANCE_READY("vastai.instance.ready", EventFamily.INSTANCE, InstanceReady.class),
  INSTANCE_FAILED("vastai.instance.failed", EventFamily.INSTANCE, InstanceFailed.class),
  INSTANCE_TERMINATED("vastai.instance.terminated", EventFamily.INSTANCE, InstanceTerminated.class),
  DEPLOYMENT_STARTED("vastai.deployment.started", EventFamily.DEPLOYMENT, DeploymentStarted.class),
  DEPLOYMENT_COMPLETED("vastai.deployment.completed", EventFamily.DEPLOYMENT, DeploymentCompleted.class),
  DEPLOYMENT_FAILED("vastai.deployment.failed", EventFamily.DEPLOYMENT, DeploymentFailed.class),
  COST_SAMPLED("vastai.cost.sampled", EventFamily.COST, CostSampled.class),
  COST_THRESHOLD_WARNING("vastai.cost.threshold_warning", EventFamily.COST, CostThresholdWarning.class),
  COST_THRESHOLD_EXCEEDED("vastai.cost.threshold_exceeded", EventFamily.COST, CostThresholdExceeded.class),
  COST_BUDGET_EXCEEDED("vastai.cost.budget_exceeded", EventFamily.COST, CostBudgetExceeded.class),
  HEALTH_CHECK("vastai.health.check", EventFamily.HEALTH, HealthCheck.class),
  HEALTH_DEGRADED("vastai.health.degraded", EventFamily.HEALTH, HealthDegraded.class),
  HEALTH_UNHEALTHY("vastai.health.unhealthy", EventFamily.HEALTH, HealthUnhealthy.class),
  MESH_REGISTERED("vastai.mesh.registered", EventFamily.MESH, MeshRegistered.class),
  MESH_UNREGISTERED("vastai.mesh.unregistered", EventFamily.MESH, MeshUnregistered.class),
  MESH_HEARTBEAT("vastai.mesh.heartbeat", EventFamily.MESH, MeshHeartbeat.class),
  // Last, so the types above keep their ordinals (the sample events' ids derive from them).
  COST_ACCOUNT_ALERT("vastai.cost.account_alert", EventFamily.COST, CostAccountAlert.class);

  private static final Map<String, EventType> BY_WIRE_NAME =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));
  private static final Map<Class<?>, EventType> BY_PAYLOAD =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::payloadType, Function.identity()));

  private final String wireName;
  private final EventFamily family;
  private final Class<? extends EventPayload> payloadType;

  EventType(String wireName, EventFamily family, Class<? extends EventPayload> payloadType) {
    this.wireName = wireName;
    this.family = family;
    this.payloadType = payloadType;
  }

  /** The CloudEvents {@code type} attribute, e.g. {@code vastai.instance.created}. */
  public String wireName() {
    return wireName;
  }

  public EventFamily family() {
    return family;
  }

  /** The record class of this type's {@code data}. */
  public Class<? extends EventPayload> payloadType() {
    return payloadType;
  }

  /** The type with this CloudEvents {@code type} name, if it is one of ours. */
  public static Optional<EventType> fromWireName(String wireName) {
    return Optional.ofNullable(BY_WIRE_NAME.get(wireName));
  }

  /** The type whose payload this is; every payload record belongs to exactly one type. */
  public static EventType of(EventPayload payload) {
    return BY_PAYLOAD.get(payload.getClass());
  }

  @Override
  public String toString() {
    return wireName;
  }
}
