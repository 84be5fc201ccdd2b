package dev.vastmesh.events;

import dev.vastmesh.events.payload.EventPayload;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A canonical event: the CloudEvents 1.0 context attributes plus our extensions
 * ({@code triggerid}, {@code idempotencykey}, {@code environment}) around a typed payload.
 *
 * <p>{@code specversion} is always {@value #SPEC_VERSION} and {@code datacontenttype} always
 * {@value #DATA_CONTENT_TYPE}; they are written by the codec, not stored.
 *
 * @param id unique per event; time-sortable when made by {@link EventFactory}
 * @param source URI reference of the producer, e.g. {@code /vastmesh/registry-service}
 * @param time when the event happened, UTC
 * @param subject the instance id the event is about, when there is one
 * @param triggerId what triggered it, e.g. {@code gitlab-pipeline-123}
 * @param idempotencyKey the producer's key for deduplicating retries
 * @param environment deployment environment, e.g. {@code prod}
 */
public record EventEnvelope(
    String id,
    String source,
    EventType type,
    Instant time,
    @Nullable String subject,
    @Nullable String triggerId,
    @Nullable String idempotencyKey,
    @Nullable String environment,
    EventPayload data) {

  public static final String SPEC_VERSION = "1.0";
  public static final String DATA_CONTENT_TYPE = "application/json";

  public EventEnvelope {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(data, "data");
    if (!type.payloadType().isInstance(data)) {
      throw new IllegalArgumentException("data of " + type + " must be a "
          + type.payloadType().getSimpleName() + ", not a " + data.getClass().getSimpleName());
    }
  }

  /** The payload as the given record type; fails if the event is of another type. */
  public <P extends EventPayload> P dataAs(Class<P> payloadType) {
    return payloadType.cast(data);
  }
}
