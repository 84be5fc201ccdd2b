package dev.vastmesh.gateway.mapping;

import dev.vastmesh.events.EventCodec;
import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.EventIds;
import dev.vastmesh.events.EventType;
import dev.vastmesh.events.EventValidationException;
import dev.vastmesh.events.payload.DeploymentCompleted;
import dev.vastmesh.events.payload.DeploymentFailed;
import dev.vastmesh.events.payload.DeploymentStarted;
import dev.vastmesh.events.payload.ErrorDetail;
import dev.vastmesh.events.payload.EventPayload;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Maps a verified, sanitised payload to a canonical event:
 *
 * <ul>
 *   <li>a CloudEvent ({@code specversion} present) is validated with events-schema and passed on
 *       as it is (its own id: a redelivery carries the same body, so the same id);
 *   <li>GitLab pipeline and deployment hooks become {@code vastai.deployment.*}: running →
 *       started, success → completed, failed or canceled → failed; other statuses are ignored;
 *   <li>anything else is ignored.
 * </ul>
 *
 * Mapped events get a name-based id from source and message id, so a redelivered message always
 * becomes the same event id.
 */
@Component
public class CanonicalMapper {

  private final EventCodec codec = EventCodec.standard();
  private final Clock clock;

  public CanonicalMapper(Clock clock) {
    this.clock = clock;
  }

  /** The context of one verified message. */
  public record Context(String source, String messageId, @Nullable String triggerId, @Nullable String environment) {
  }

  public Mapping map(JsonNode payload, Context context) {
    if (!payload.isObject()) {
      return new Mapping.Ignored("payload is not a JSON object");
    }
    if (payload.has("specversion")) {
      try {
        return new Mapping.Event(codec.parse(payload), true);
      } catch (EventValidationException e) {
        return new Mapping.Invalid(e.violations());
      }
    }
    String kind = payload.path("object_kind").asString("");
    return switch (kind) {
      case "pipeline" -> pipeline(payload, context);
      case "deployment" -> deployment(payload, context);
      default -> new Mapping.Ignored(kind.isEmpty() ? "not a canonical event or a GitLab hook" : "GitLab '" + clip(kind) + "' hooks have no event");
    };
  }

  private Mapping pipeline(JsonNode hook, Context context) {
    JsonNode attributes = hook.path("object_attributes");
    String pipelineId = text(attributes, "id");
    if (pipelineId == null) {
      return new Mapping.Ignored("GitLab pipeline hook without object_attributes.id");
    }
    String deploymentId = "gitlab-pipeline-" + pipelineId;
    String status = attributes.path("status").asString("").toLowerCase(Locale.ROOT);
    Long duration = attributes.path("duration").isIntegralNumber() ? attributes.path("duration").longValue() : null;
    return lifecycle(status, deploymentId, pipelineId, project(hook), text(attributes, "ref"), duration,
        context, "pipeline " + pipelineId, null);
  }

  private Mapping deployment(JsonNode hook, Context context) {
    String id = text(hook, "deployment_id");
    if (id == null) {
      return new Mapping.Ignored("GitLab deployment hook without deployment_id");
    }
    String status = hook.path("status").asString("").toLowerCase(Locale.ROOT);
    return lifecycle(status, "gitlab-deployment-" + id, null, project(hook), text(hook, "ref"), null,
        context, "deployment " + id, text(hook, "environment"));
  }

  private Mapping lifecycle(String status, String deploymentId, @Nullable String pipelineId, @Nullable String project,
      @Nullable String ref, @Nullable Long duration, Context context, String what, @Nullable String environment) {
    EventPayload payload = switch (status) {
      case "running" -> new DeploymentStarted(deploymentId, pipelineId, project, ref, null, null, null);
      case "success" -> new DeploymentCompleted(deploymentId, pipelineId, List.of(), duration, null, null);
      case "failed", "canceled" -> new DeploymentFailed(deploymentId, pipelineId,
          new ErrorDetail("gitlab_" + status, "GitLab " + what + " " + status, status.equals("failed") ? null : false), List.of());
      default -> null;
    };
    if (payload == null) {
      return new Mapping.Ignored("GitLab " + what + " is '" + clip(status) + "': no deployment event for that status");
    }
    EventType type = EventType.of(payload);
    try {
      EventEnvelope event = new EventEnvelope(
          EventIds.nameBased(context.source() + ":" + context.messageId()).toString(),
          "/vastmesh/webhook-gateway/" + context.source(), type, clock.instant(), deploymentId,
          context.triggerId(), context.messageId(), environment != null ? environment : context.environment(), payload);
      List<dev.vastmesh.events.Violation> violations = codec.validate(event);
      return violations.isEmpty() ? new Mapping.Event(event, false) : new Mapping.Invalid(violations);
    } catch (IllegalArgumentException e) {
      return new Mapping.Ignored("GitLab hook could not be mapped");
    }
  }

  private static @Nullable String project(JsonNode hook) {
    return text(hook.path("project"), "path_with_namespace");
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (value.isString() && !value.stringValue().isBlank()) {
      return value.stringValue();
    }
    if (value.isIntegralNumber()) {
      return value.asString();
    }
    return null;
  }

  private static String clip(String s) {
    return s.length() <= 32 ? s : s.substring(0, 32) + "...";
  }
}
