package dev.vastmesh.gateway.signature;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The request headers a verifier reads; names are matched case-insensitively. */
@FunctionalInterface
public interface WebhookHeaders {

  /** The first value of the header, or null. */
  @Nullable String first(String name);

  /** Headers from a map (for tests and tools); keys are matched case-insensitively. */
  static WebhookHeaders of(Map<String, String> values) {
    return name -> values.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue).findFirst().orElse(null);
  }
}
