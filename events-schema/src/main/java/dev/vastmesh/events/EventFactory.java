package dev.vastmesh.events;

import dev.vastmesh.events.payload.CostSampled;
import dev.vastmesh.events.payload.CostThresholdExceeded;
import dev.vastmesh.events.payload.CostThresholdWarning;
import dev.vastmesh.events.payload.EventPayload;
import dev.vastmesh.events.payload.InstanceScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Makes valid canonical events. Ids are time-sortable
 * UUIDv7s and the time comes from the injected clock, so tests can pin both.
 *
 * <p>Creation validates the whole event the same way {@link EventCodec#parse} does, so an event
 * this factory returns always survives a round trip through JSON.
 */
public final class EventFactory {

  private final Clock clock;
  private final Supplier<String> ids;
  private final String defaultSource;
  private final EventCodec codec;

  public EventFactory(Clock clock, Supplier<String> ids, String defaultSource, EventCodec codec) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.defaultSource = Objects.requireNonNull(defaultSource, "defaultSource");
    this.codec = Objects.requireNonNull(codec, "codec");
  }

  /** A factory with UUIDv7 ids from {@code clock} and the default codec. */
  public static EventFactory create(Clock clock, String defaultSource) {
    return new EventFactory(clock, EventIds.uuidV7(clock), defaultSource, EventCodec.standard());
  }

  /** An event of the payload's own type. */
  public EventEnvelope create(EventPayload payload, EventOptions options) {
    return create(EventType.of(payload), payload, options);
  }

  /**
   * An event of {@code type}.
   *
   * @throws IllegalArgumentException if the payload is not of {@code type}'s payload class
   * @throws EventValidationException listing every invalid attribute and payload field
   */
  public EventEnvelope create(EventType type, EventPayload payload, EventOptions options) {
    if (!type.payloadType().isInstance(payload)) {
      throw new IllegalArgumentException(type + " takes a " + type.payloadType().getSimpleName()
          + " payload, not a " + payload.getClass().getSimpleName());
    }
    String subject = options.subject() != null ? options.subject() : subjectOf(payload);
    String source = options.source() != null ? options.source() : defaultSource;
    EventEnvelope event = new EventEnvelope(ids.get(), source, type, clock.instant(), subject,
        options.triggerId(), options.idempotencyKey(), options.environment(), payload);
    List<Violation> violations = new ArrayList<>(codec.validate(event));
    if (!violations.isEmpty()) {
      throw new EventValidationException(violations);
    }
    return event;
  }

  private static @Nullable String subjectOf(EventPayload payload) {
    Long instanceId = switch (payload) {
      case InstanceScoped scoped -> scoped.instanceId();
      case CostSampled sampled -> sampled.instanceId();
      case CostThresholdWarning warning -> warning.instanceId();
      case CostThresholdExceeded exceeded -> exceeded.instanceId();
      default -> null;
    };
    return instanceId == null ? null : instanceId.toString();
  }
}
