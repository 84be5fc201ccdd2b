package dev.vastmesh.gateway.mapping;

import dev.vastmesh.events.EventCodec;
import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.EventIds;
import dev.vastmesh.events.EventType;
import dev.vastmesh.events.payload.AccountAlertKind;
import dev.vastmesh.events.payload.CostAccountAlert;
import dev.vastmesh.events.payload.EventPayload;
import dev.vastmesh.events.payload.HealthCheck;
import dev.vastmesh.events.payload.HealthStatus;
import dev.vastmesh.events.payload.InstanceScoped;
import dev.vastmesh.events.payload.InstanceTerminated;
import dev.vastmesh.events.payload.TerminationReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Maps Vast.ai's own notifications (a source with the {@code vast} scheme) to canonical events,
 * by {@code notif_type}, as the table in the module README says. Vast sends no structured ids:
 * where an event needs an instance, its id is read from the subject or message text
 * ({@link InstanceIdInText}); the event's note says so, and a notification without a readable id
 * gets no instance event rather than an invented one.
 *
 * <p>Whatever becomes no event is still accepted (answered 2xx, so Vast stops retrying), counted
 * by type and logged; {@code webhook_test} never becomes an event.
 */
@Component
public class VastNotificationMapper {

  private static final Logger log = LoggerFactory.getLogger(VastNotificationMapper.class);
  private static final int NOTE_LIMIT = 1024;

  private final EventCodec codec = EventCodec.standard();
  private final Clock clock;
  private final MeterRegistry meters;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public VastNotificationMapper(Clock clock, MeterRegistry meters) {
    this.clock = clock;
    this.meters = meters;
  }

  public Mapping map(JsonNode payload, CanonicalMapper.Context context) {
    if (!payload.isObject()) {
      count(context.source(), VastNotificationType.OTHER, "no_event");
      return new Mapping.Ignored("a Vast notification is a JSON object");
    }
    String slug = payload.path("notif_type").isString() ? payload.path("notif_type").stringValue() : "";
    VastNotificationType type = VastNotificationType.of(slug);
    String subject = text(payload, "subject");
    String message = text(payload, "message");
    String bodyId = text(payload, "event_id");
    if (bodyId != null && !bodyId.equals(context.messageId())) {
      log.warn("Vast notification {} from source {}: body event_id differs from X-Vast-Event-Id; the header is the dedupe key",
          context.messageId(), context.source());
    }
    Result outcome = switch (type.outcome()) {
      case TEST -> Result.none("test", "Vast's test delivery: verified, not forwarded");
      case NONE -> Result.none("no_event", "no event for this notif_type: " + type.why());
      case TERMINATED_OUTBID -> instanceEvent(type, subject, message,
          id -> new InstanceTerminated(id, null, TerminationReason.OUTBID, null, null, null, note(type, subject)));
      case TERMINATED_DESTROYED -> instanceEvent(type, subject, message,
          id -> new InstanceTerminated(id, null, TerminationReason.DESTROYED, null, null, null, note(type, subject)));
      case HEALTH_UNHEALTHY -> instanceEvent(type, subject, message, id -> health(id, HealthStatus.UNHEALTHY, type, subject));
      case HEALTH_DEGRADED -> instanceEvent(type, subject, message, id -> health(id, HealthStatus.DEGRADED, type, subject));
      case HEALTH_HEALTHY -> instanceEvent(type, subject, message, id -> health(id, HealthStatus.HEALTHY, type, subject));
      case ACCOUNT_LOW_CREDIT -> Result.of(alert(AccountAlertKind.LOW_CREDIT, payload, subject, message));
      case ACCOUNT_BILLING_FAILED -> Result.of(alert(AccountAlertKind.BILLING_FAILED, payload, subject, message));
    };
    count(context.source(), type, outcome.label());
    if (outcome.payload() == null) {
      log.info("Vast notification {} ({}) from source {} accepted without an event: {}", type.slug(), context.messageId(),
          context.source(), outcome.reason());
      return new Mapping.Ignored(outcome.reason());
    }
    return event(outcome.payload(), payload, context);
  }

  /** What one notification became: a payload, or a reason there is none, and its metric label. */
  private record Result(@Nullable EventPayload payload, String label, String reason) {

    static Result of(EventPayload payload) {
      return new Result(payload, "event", "");
    }

    static Result none(String label, String reason) {
      return new Result(null, label, reason);
    }
  }

  private Result instanceEvent(VastNotificationType type, @Nullable String subject, @Nullable String message,
      java.util.function.LongFunction<EventPayload> build) {
    Long id = InstanceIdInText.find(subject, message);
    if (id == null) {
      return Result.none("no_instance_id", "no instance id could be read from this '" + type.slug() + "' notification's text");
    }
    return Result.of(build.apply(id));
  }

  private static HealthCheck health(long instanceId, HealthStatus status, VastNotificationType type, @Nullable String subject) {
    return new HealthCheck(instanceId, status, note(type, subject), null, null, null);
  }

  private static CostAccountAlert alert(AccountAlertKind kind, JsonNode payload, @Nullable String subject, @Nullable String message) {
    JsonNode user = payload.path("user_id");
    Long accountId = user.isIntegralNumber() && user.canConvertToLong() && user.longValue() > 0 ? user.longValue() : null;
    // Vast accounts hold credit in US dollars; the amounts themselves exist only in the text.
    return new CostAccountAlert(kind, "USD", clip(subject != null ? subject : "Vast " + kind.wire() + " notification", 256),
        message != null ? clip(message, 4096) : null, accountId);
  }

  /** The note an instance event carries: where it came from, and that its id was read from text. */
  private static String note(VastNotificationType type, @Nullable String subject) {
    String note = "from Vast's '" + type.slug() + "' notification; instance id read from its text (best effort)"
        + (subject != null ? ": " + subject : "");
    return clip(note, NOTE_LIMIT);
  }

  private Mapping event(EventPayload data, JsonNode payload, CanonicalMapper.Context context) {
    EventEnvelope event = new EventEnvelope(EventIds.nameBased(context.source() + ":" + context.messageId()).toString(),
        "/vastmesh/webhook-gateway/" + context.source(), EventType.of(data), occurredAt(payload),
        data instanceof InstanceScoped scoped ? Long.toString(scoped.instanceId()) : null,
        context.triggerId(), context.messageId(), context.environment(), data);
    List<dev.vastmesh.events.Violation> violations = codec.validate(event);
    return violations.isEmpty() ? new Mapping.Event(event, false) : new Mapping.Invalid(violations);
  }

  /** The notification's own time (float Unix seconds) when it is a plausible one, else now. */
  private Instant occurredAt(JsonNode payload) {
    Instant now = clock.instant();
    JsonNode timestamp = payload.path("timestamp");
    if (timestamp.isNumber()) {
      double seconds = timestamp.doubleValue();
      if (Double.isFinite(seconds) && seconds > 0 && seconds <= now.getEpochSecond() + 3600) {
        return Instant.ofEpochMilli((long) (seconds * 1000));
      }
    }
    return now;
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isString() && !value.stringValue().isBlank() ? value.stringValue() : null;
  }

  private static String clip(String text, int limit) {
    return text.length() <= limit ? text : text.substring(0, limit - 3) + "...";
  }

  private void count(String source, VastNotificationType type, String outcome) {
    counters.computeIfAbsent(source + "\u0000" + type.slug() + "\u0000" + outcome, key -> Counter.builder("vastmesh.gateway.vast.notifications")
        .description("Vast.ai notifications verified, by source, notif_type (documented types only; others as 'other') and outcome")
        .tag("source", source).tag("notif_type", type.slug()).tag("outcome", outcome).register(meters)).increment();
  }
}
