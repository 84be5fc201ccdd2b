package dev.vastmesh.simulator.query;

import java.util.Comparator;
import tools.jackson.databind.JsonNode;

/** Comparison of a row's field with a query value, as loose as Vast's CLI makes the values. */
public final class Values {

  /** Returned when the two cannot be ordered (a number and a word): equal to nothing. */
  public static final int INCOMPARABLE = Integer.MIN_VALUE;

  /** Missing and null fields last, numbers numerically, the rest as text. */
  public static final Comparator<JsonNode> ORDER = (a, b) -> {
    boolean aAbsent = a == null || a.isNull();
    boolean bAbsent = b == null || b.isNull();
    if (aAbsent || bAbsent) {
      return Boolean.compare(aAbsent, bAbsent);
    }
    int c = compare(a, b);
    return c == INCOMPARABLE ? a.asString().compareTo(b.asString()) : c;
  };

  private static final java.util.regex.Pattern DRIVER_VERSION = java.util.regex.Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

  private Values() {
  }

  /** Negative, zero or positive as {@code field} is below, equal to or above {@code value}. */
  public static int compare(JsonNode field, JsonNode value) {
    if (field.isNumber()) {
      Double number = number(value);
      return number == null ? INCOMPARABLE : Double.compare(field.doubleValue(), number);
    }
    if (field.isString() && value.isNumber() && DRIVER_VERSION.matcher(field.stringValue()).matches()) {
      return Long.compare(driverVersion(field.stringValue()), value.longValue());
    }
    if (field.isBoolean()) {
      Boolean bool = bool(value);
      return bool == null ? INCOMPARABLE : Boolean.compare(field.booleanValue(), bool);
    }
    if (value.isString() || value.isNumber() || value.isBoolean()) {
      return field.asString().compareTo(value.asString());
    }
    return INCOMPARABLE;
  }

  /** The CLI sends {@code driver_version 535.86.05} as 535086005. */
  private static long driverVersion(String dotted) {
    long result = 0;
    for (String part : dotted.split("\\.")) {
      result = result * 1000 + Long.parseLong(part);
    }
    return result;
  }

  private static Double number(JsonNode value) {
    if (value.isNumber()) {
      return value.doubleValue();
    }
    if (value.isString()) {
      try {
        return Double.parseDouble(value.stringValue().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static Boolean bool(JsonNode value) {
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isString() && (value.stringValue().equalsIgnoreCase("true") || value.stringValue().equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(value.stringValue());
    }
    return null;
  }
}
