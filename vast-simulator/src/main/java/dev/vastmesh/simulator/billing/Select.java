package dev.vastmesh.simulator.billing;

import dev.vastmesh.simulator.web.VastError;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON query parameters of Vast's billing calls ({@code select_filters}, {@code order_by}), compact or spaced. */
final class Select {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Select() {
  }

  static JsonNode parse(@Nullable String value, String name) {
    if (value == null || value.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(value);
    } catch (JacksonException e) {
      throw VastError.invalidArgs(name + " is not valid JSON.");
    }
  }

  /** A time bound: Unix seconds as a number or a numeric string; null when absent. */
  static @Nullable Double seconds(JsonNode range, String op) {
    JsonNode value = range.get(op);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isNumber()) {
      return value.doubleValue();
    }
    try {
      return Double.parseDouble(value.asString());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  static int limit(@Nullable Integer limit, int fallback, int max) {
    if (limit == null) {
      return fallback;
    }
    if (limit < 1) {
      throw VastError.invalidArgs("limit must be at least 1.");
    }
    return Math.min(limit, max);
  }
}
