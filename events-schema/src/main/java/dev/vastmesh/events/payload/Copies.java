package dev.vastmesh.events.payload;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Defensive copies for collection components. A missing collection stays null here so that the
 * validator, not a constructor's NullPointerException, reports it with the field's name.
 */
final class Copies {

  private Copies() {
  }

  static <T> @Nullable List<T> list(@Nullable List<T> values) {
    return values == null ? null : List.copyOf(values);
  }

  static <K, V> @Nullable Map<K, V> map(@Nullable Map<K, V> values) {
    return values == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }
}
