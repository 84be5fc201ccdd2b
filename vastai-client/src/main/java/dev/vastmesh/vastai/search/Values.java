package dev.vastmesh.vastai.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Converts a written value the way the CLI does: booleans and null by name, {@code _} to a space
 * in plain strings, quoted strings as they are, other values as JSON strings, except the unit
 * fields, which are sent as numbers in Vast's units (GB typed, MB sent; days typed, seconds sent)
 * and the driver version, sent as one integer (535.86.05 → 535086005).
 */
final class Values {

  private static final Set<String> THOUSANDS = Set.of("cpu_ram", "gpu_ram", "gpu_total_ram");

  private Values() {
  }

  static @Nullable Object convert(String field, QueryParser.Raw raw) {
    return switch (raw) {
      case QueryParser.ListOf list -> {
        List<Object> items = new ArrayList<>();
        list.items().forEach(item -> items.add(convert(field, item)));
        yield items;
      }
      case QueryParser.Quoted quoted -> quoted.text();
      case QueryParser.Plain plain -> plain(field, plain.text());
    };
  }

  private static @Nullable Object plain(String field, String text) {
    switch (text) {
      case "true", "True" -> {
        return true;
      }
      case "false", "False" -> {
        return false;
      }
      case "None", "null" -> {
        return null;
      }
      default -> {
      }
    }
    if (THOUSANDS.contains(field)) {
      return number(field, text) * 1000;
    }
    if (field.equals("duration")) {
      return number(field, text) * 86400;
    }
    if (field.equals("driver_version")) {
      return driverVersion(text);
    }
    return text.replace('_', ' ');
  }

  private static double number(String field, String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " takes a number, not '" + text + "'");
    }
  }

  private static long driverVersion(String text) {
    String[] parts = text.split("\\.");
    if (parts.length > 3 || !text.matches("\\d+(\\.\\d+){0,2}")) {
      throw new IllegalArgumentException("driver_version takes a version such as 535.86.05, not '" + text + "'");
    }
    long version = 0;
    for (int i = 0; i < 3; i++) {
      version = version * 1000 + (i < parts.length ? Long.parseLong(parts[i]) : 0);
    }
    return version;
  }
}
