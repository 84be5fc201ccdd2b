package dev.vastmesh.registry.store;

import java.util.Optional;

/**
 * What a write under an {@link dev.vastmesh.registry.instance.Authority} found, decided atomically
 * with the write itself.
 *
 * @param <T> what an applied write answers
 */
public sealed interface Guarded<T> {

  record Applied<T>(T value) implements Guarded<T> {
  }

  /** No such instance (or, for a heartbeat, its TTL ran out): nothing was changed. */
  record Missing<T>() implements Guarded<T> {
  }

  /**
   * An instance token that no stored record holds, whether the instance is absent or holds
   * another token: nothing was changed, and the two cases are one so as not to tell them apart.
   */
  record NotHolder<T>() implements Guarded<T> {
  }

  default Optional<T> applied() {
    return this instanceof Applied<T> applied ? Optional.of(applied.value()) : Optional.empty();
  }
}
