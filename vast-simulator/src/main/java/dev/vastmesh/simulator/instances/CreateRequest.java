package dev.vastmesh.simulator.instances;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A create body as Vast's CLI sends it, checked.
 *
 * @param env {@code -e K=V} as {@code "K":"V"}; port flags as keys such as {@code "-p 3000:3000"}
 * @param price the bid of an interruptible rental; null for on-demand
 */
record CreateRequest(String image, double disk, @Nullable String label, Map<String, String> env, @Nullable String onstart,
    @Nullable Double price) {

  CreateRequest {
    env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
  }
}
