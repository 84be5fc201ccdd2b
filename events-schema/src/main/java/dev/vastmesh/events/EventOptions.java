package dev.vastmesh.events;

import org.jspecify.annotations.Nullable;

/**
 * The optional envelope attributes of a new event: trigger id, source, idempotency key and
 * environment, each absent unless set.
 *
 * @param source overrides the factory's default source
 * @param subject overrides the subject derived from the payload's instance id
 */
public record EventOptions(
    @Nullable String triggerId,
    @Nullable String source,
    @Nullable String idempotencyKey,
    @Nullable String environment,
    @Nullable String subject) {

  private static final EventOptions NONE = new EventOptions(null, null, null, null, null);

  /** No options: the factory's source and the payload's subject. */
  public static EventOptions none() {
    return NONE;
  }

  public EventOptions withTriggerId(@Nullable String value) {
    return new EventOptions(value, source, idempotencyKey, environment, subject);
  }

  public EventOptions withSource(@Nullable String value) {
    return new EventOptions(triggerId, value, idempotencyKey, environment, subject);
  }

  public EventOptions withIdempotencyKey(@Nullable String value) {
    return new EventOptions(triggerId, source, value, environment, subject);
  }

  public EventOptions withEnvironment(@Nullable String value) {
    return new EventOptions(triggerId, source, idempotencyKey, value, subject);
  }

  public EventOptions withSubject(@Nullable String value) {
    return new EventOptions(triggerId, source, idempotencyKey, environment, value);
  }
}
