package dev.vastmesh.worker.signature;

import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Python's {@code json.dumps(obj, indent=4, sort_keys=True)} for a flat object, byte for byte:
 * Vast signs that text, so the worker must rebuild it exactly (4-space indent, {@code ": "},
 * non-ASCII escaped as four-hex-digit {@code \\u} escapes).
 */
final class PythonJson {

  private PythonJson() {
  }

  static String dumps(Map<String, @Nullable Object> object) {
    if (object.isEmpty()) {
      return "{}";
    }
    StringBuilder out = new StringBuilder("{\n");
    int i = 0;
    for (Map.Entry<String, Object> entry : new TreeMap<>(object).entrySet()) {
      out.append("    ");
      string(out, entry.getKey());
      out.append(": ");
      value(out, entry.getValue());
      out.append(++i < object.size() ? ",\n" : "\n");
    }
    return out.append('}').toString();
  }

  private static void value(StringBuilder out, @Nullable Object value) {
    switch (value) {
      case null -> out.append("null");
      case String s -> string(out, s);
      case Boolean b -> out.append(b ? "true" : "false");
      case Double d -> out.append(pythonFloat(d));
      case Float f -> out.append(pythonFloat(f.doubleValue()));
      case Number n -> out.append(n.longValue());
      default -> string(out, value.toString());
    }
  }

  /** Python's repr of a float for ordinary magnitudes (242.0, 0.34); exponents as Python writes them. */
  private static String pythonFloat(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    String java = Double.toString(d);
    if (!java.contains("E")) {
      return java;
    }
    String[] parts = java.split("E");
    String mantissa = parts[0].endsWith(".0") ? parts[0].substring(0, parts[0].length() - 2) : parts[0];
    int exponent = Integer.parseInt(parts[1]);
    if (exponent >= -4 && exponent < 16) {
      return new java.math.BigDecimal(java).toPlainString();
    }
    return mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
