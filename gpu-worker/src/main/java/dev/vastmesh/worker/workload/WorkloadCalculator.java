package dev.vastmesh.worker.workload;

import tools.jackson.databind.JsonNode;

/**
 * A request's workload, in the handler's units (tokens, inputs, images...). The autoscaler sums
 * workloads to decide capacity; implement this for a custom measure.
 */
@FunctionalInterface
public interface WorkloadCalculator {

  /** Vast's rule: no calculator, or one that throws or gives NaN, infinity or a negative, means 100. */
  double DEFAULT = 100.0;

  double workload(JsonNode payload);

  /** Applies Vast's fallback to whatever the calculator does. */
  default double safely(JsonNode payload) {
    try {
      double value = workload(payload);
      return Double.isFinite(value) && value >= 0 ? value : DEFAULT;
    } catch (RuntimeException e) {
      return DEFAULT;
    }
  }
}
