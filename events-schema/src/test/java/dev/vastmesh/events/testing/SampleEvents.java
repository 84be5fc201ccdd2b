package dev.vastmesh.events.testing;

import dev.vastmesh.events.EventCodec;
import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.EventFactory;
import dev.vastmesh.events.EventOptions;
import dev.vastmesh.events.EventType;
import dev.vastmesh.events.payload.AccountAlertKind;
import dev.vastmesh.events.payload.BudgetAction;
import dev.vastmesh.events.payload.CostAccountAlert;
import dev.vastmesh.events.payload.CostBudgetExceeded;
import dev.vastmesh.events.payload.CostPeriod;
import dev.vastmesh.events.payload.CostSampled;
import dev.vastmesh.events.payload.CostThresholdExceeded;
import dev.vastmesh.events.payload.CostThresholdWarning;
import dev.vastmesh.events.payload.DeploymentCompleted;
import dev.vastmesh.events.payload.DeploymentFailed;
import dev.vastmesh.events.payload.DeploymentStarted;
import dev.vastmesh.events.payload.ErrorDetail;
import dev.vastmesh.events.payload.EventPayload;
import dev.vastmesh.events.payload.HealthCheck;
import dev.vastmesh.events.payload.HealthDegraded;
import dev.vastmesh.events.payload.HealthStatus;
import dev.vastmesh.events.payload.HealthUnhealthy;
import dev.vastmesh.events.payload.InstanceCreated;
import dev.vastmesh.events.payload.InstanceFailed;
import dev.vastmesh.events.payload.InstanceProvisioning;
import dev.vastmesh.events.payload.InstanceReady;
import dev.vastmesh.events.payload.InstanceTerminated;
import dev.vastmesh.events.payload.MeshHeartbeat;
import dev.vastmesh.events.payload.MeshRegistered;
import dev.vastmesh.events.payload.MeshUnregistered;
import dev.vastmesh.events.payload.RentalType;
import dev.vastmesh.events.payload.TerminationReason;
import dev.vastmesh.events.payload.UnregisterReason;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One realistic event of every type, with fixed ids and times: the source of the golden
 * fixtures, and test data for every module that consumes events.
 */
public final class SampleEvents {

  /** The time every sample event carries. */
  public static final Instant TIME = Instant.parse("2026-01-04T12:00:00Z");
  /** The instance the samples are about (the example instance of every fixture). */
  public static final long INSTANCE_ID = 29484611L;

  private SampleEvents() {
  }

  /** The sample event of {@code type}. */
  public static EventEnvelope of(EventType type) {
    String id = String.format("01942c8a-5000-7000-8000-%012d", type.ordinal() + 1);
    EventFactory factory = new EventFactory(Clock.fixed(TIME, ZoneOffset.UTC), () -> id,
        "/vastmesh/samples", EventCodec.standard());
    EventOptions options = EventOptions.none()
        .withTriggerId("gitlab-pipeline-123")
        .withIdempotencyKey("idem-" + type.wireName())
        .withEnvironment("prod");
    return factory.create(type, payload(type), options);
  }

  /** The sample payload of {@code type}. */
  public static EventPayload payload(EventType type) {
    Instant expires = TIME.plusSeconds(300);
    return switch (type) {
      case INSTANCE_CREATED -> new InstanceCreated(INSTANCE_ID, 12345L, 7835610L, 4242L, "RTX 4090", 1,
          new BigDecimal("0.34"), "USD", RentalType.ON_DEMAND, "vllm/vllm-openai:latest", "gpu-worker-1");
      case INSTANCE_PROVISIONING -> new InstanceProvisioning(INSTANCE_ID, 12345L, "loading",
          "Pulling image vllm/vllm-openai:latest", 42L);
      case INSTANCE_READY -> new InstanceReady(INSTANCE_ID, 12345L, "https://203.0.113.4:41234", "RTX 4090", 183.4);
      case INSTANCE_FAILED -> new InstanceFailed(INSTANCE_ID, 12345L,
          new ErrorDetail("model_load_failed", "CUDA out of memory", false), "running");
      case INSTANCE_TERMINATED -> new InstanceTerminated(INSTANCE_ID, 12345L, TerminationReason.OUTBID,
          7200L, new BigDecimal("0.68"), "USD", null);
      case DEPLOYMENT_STARTED -> new DeploymentStarted("deploy-2026-01-04-1", "123", "platform/embeddings",
          "main", "vllm/vllm-openai:latest", "gpu_name=RTX_4090 reliability>0.95", 2);
      case DEPLOYMENT_COMPLETED -> new DeploymentCompleted("deploy-2026-01-04-1", "123",
          List.of(INSTANCE_ID, 29484612L), 412L, new BigDecimal("0.68"), "USD");
      case DEPLOYMENT_FAILED -> new DeploymentFailed("deploy-2026-01-04-1", "123",
          new ErrorDetail("offer_unavailable", "offer 7835610 was rented by someone else", true), List.of());
      case COST_SAMPLED -> new CostSampled(INSTANCE_ID, new BigDecimal("0.34"), new BigDecimal("0.0057"), "USD",
          TIME.minusSeconds(60), TIME);
      case COST_THRESHOLD_WARNING -> new CostThresholdWarning("prod-daily", CostPeriod.DAY,
          new BigDecimal("50.00"), new BigDecimal("40.12"), "USD", null);
      case COST_THRESHOLD_EXCEEDED -> new CostThresholdExceeded("prod-daily", CostPeriod.DAY,
          new BigDecimal("50.00"), new BigDecimal("50.31"), "USD", null);
      case COST_BUDGET_EXCEEDED -> new CostBudgetExceeded("prod-monthly", CostPeriod.MONTH,
          new BigDecimal("1000.00"), new BigDecimal("1000.42"), "USD", BudgetAction.STOP_INSTANCES,
          List.of(INSTANCE_ID));
      case HEALTH_CHECK -> new HealthCheck(INSTANCE_ID, HealthStatus.HEALTHY, "model server answered 200",
          500.0, 812.5, 1);
      case HEALTH_DEGRADED -> new HealthDegraded(INSTANCE_ID, HealthStatus.HEALTHY, "queue time above 10s");
      case HEALTH_UNHEALTHY -> new HealthUnhealthy(INSTANCE_ID, HealthStatus.HEALTHY, "heartbeat ttl expired",
          TIME.minusSeconds(300));
      case MESH_REGISTERED -> new MeshRegistered(INSTANCE_ID, 12345L, "https://203.0.113.4:41234",
          "vastai-gpu-worker-1", "100.113.211.78", List.of("inference", "embeddings"), "RTX_4090",
          "NVIDIA RTX 4090", 1, new BigDecimal("0.34"), labels(), expires);
      case MESH_UNREGISTERED -> new MeshUnregistered(INSTANCE_ID, UnregisterReason.DEREGISTERED, TIME.minusSeconds(12));
      case MESH_HEARTBEAT -> new MeshHeartbeat(INSTANCE_ID, "ready", expires, 500.0, 812.5, 1);
      case COST_ACCOUNT_ALERT -> new CostAccountAlert(AccountAlertKind.LOW_CREDIT, "USD", "Low balance",
          "Your Vast.ai balance is below $5.00. Instances stop when it reaches zero.", 123L);
    };
  }

  private static Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("team", "search");
    labels.put("model", "all-MiniLM-L6-v2");
    return labels;
  }
}
