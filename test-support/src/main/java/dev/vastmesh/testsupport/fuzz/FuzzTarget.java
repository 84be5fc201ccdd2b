package dev.vastmesh.testsupport.fuzz;

import java.util.List;

/**
 * What the fuzzer aims at: a service's paths (templates; {@code {name}} segments are filled with
 * mutated values), JSON field names its bodies use, tokens that pass its authentication (so
 * mutated bodies get past the scope check to the handlers), and the oracle of its answers.
 */
public record FuzzTarget(List<String> paths, List<String> fields, List<String> tokens, Oracle oracle) {

  public FuzzTarget {
    paths = List.copyOf(paths);
    fields = List.copyOf(fields);
    tokens = List.copyOf(tokens);
  }

  /** Paths every service has besides its API: actuator, the error page, and nothing at all. */
  public static final List<String> COMMON_PATHS = List.of("/actuator/health", "/actuator/health/liveness",
      "/actuator/health/readiness", "/actuator/info", "/actuator/prometheus", "/actuator/metrics",
      "/actuator/metrics/{name}", "/actuator", "/error", "/", "/{name}");
}
