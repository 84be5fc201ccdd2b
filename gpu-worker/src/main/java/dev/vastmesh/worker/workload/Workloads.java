package dev.vastmesh.worker.workload;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * The calculators available without code, by spec: {@code constant:N}; {@code array-length:/ptr}
 * (for embeddings: the number of inputs); {@code number:/ptr} (e.g. max_tokens);
 * {@code chars:/ptr} (characters / 4, a token estimate; an array of strings is summed).
 *
 * <p>A pointer is compiled once, not per request. One that is no JSON pointer finds nothing, so
 * every request gets Vast's default workload, as when the payload lacks the field.
 */
public final class Workloads {

  private Workloads() {
  }

  public static WorkloadCalculator parse(String spec) {
    int colon = spec.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("workload must be kind:argument, e.g. array-length:/input, not '" + spec + "'");
    }
    String kind = spec.substring(0, colon);
    String argument = spec.substring(colon + 1);
    JsonPointer pointer = kind.equals("constant") ? JsonPointer.empty() : pointer(argument);
    if (pointer == null) {
      return payload -> Double.NaN;
    }
    return switch (kind) {
      case "constant" -> {
        double value = Double.parseDouble(argument);
        yield payload -> value;
      }
      case "array-length" -> payload -> {
        JsonNode node = payload.at(pointer);
        return node.isArray() ? node.size() : node.isMissingNode() ? Double.NaN : 1;
      };
      case "number" -> payload -> {
        JsonNode node = payload.at(pointer);
        return node.isNumber() ? node.doubleValue() : Double.NaN;
      };
      case "chars" -> payload -> {
        JsonNode node = payload.at(pointer);
        if (node.isString()) {
          return node.stringValue().length() / 4.0;
        }
        if (node.isArray()) {
          double total = 0;
          for (JsonNode item : node) {
            total += item.isString() ? item.stringValue().length() / 4.0 : 0;
          }
          return total;
        }
        return Double.NaN;
      };
      default -> throw new IllegalArgumentException("unknown workload kind '" + kind + "' (constant, array-length, number, chars)");
    };
  }

  private static @Nullable JsonPointer pointer(String argument) {
    try {
      return JsonPointer.compile(argument);
    } catch (IllegalArgumentException notAPointer) {
      return null;
    }
  }
}
