package dev.vastmesh.storage.planes;

import java.util.Map;

/**
 * Where the code runs. A Vast container is recognised by what Vast puts in its environment: the
 * instance id {@code CONTAINER_ID} together with one of {@code VAST_CONTAINERLABEL},
 * {@code CONTAINER_API_KEY}, {@code PUBLIC_IPADDR} or a {@code VAST_TCP_PORT_<n>} mapping — one
 * variable alone is too easy to set by accident on a laptop. Anything else is a local runner.
 */
public enum Placement {
  VAST_INSTANCE, LOCAL_RUNNER;

  public static Placement detect(Map<String, String> env) {
    if (blank(env.get("CONTAINER_ID"))) {
      return LOCAL_RUNNER;
    }
    boolean vastMarker = !blank(env.get("VAST_CONTAINERLABEL")) || !blank(env.get("CONTAINER_API_KEY"))
        || !blank(env.get("PUBLIC_IPADDR")) || env.keySet().stream().anyMatch(k -> k.startsWith("VAST_TCP_PORT_"));
    return vastMarker ? VAST_INSTANCE : LOCAL_RUNNER;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
