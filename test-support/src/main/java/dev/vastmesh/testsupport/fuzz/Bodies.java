package dev.vastmesh.testsupport.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/** Request bodies: JSON of the target's fields with mutated values, deep nesting, huge numbers, broken JSON. */
final class Bodies {

  private static final List<String> SCALARS = List.of("0", "-1", "1", "42", "1e999999", "-1e999999",
      "123456789012345678901234567890", "9223372036854775808", "-9223372036854775809", "0.0000000000000000001",
      "1.5", "NaN", "true", "false", "null", "\"\"", "\"x\"", "\"\\u0000\"", "\"\\ud800\"", "\"\u2603\"",
      "\"" + "s".repeat(5000) + "\"", "\"http://127.0.0.1:1/\"", "\"ready\"", "\"a\\nb\"", "\"%ff\"", "[]", "{}",
      "\"2026-01-01T00:00:00Z\"", "\"-PT1S\"", "\"P99999999D\"", "\"\\\"\"", "01", "+1", ".5", "1.", "0x10");
  private static final List<String> BROKEN = List.of("{", "}", "{\"a\":}", "[1,]", "{\"a\" 1}", "", "\u0000",
      "{\"a\":1}{\"b\":2}", "'single'", "{a:1}", "\"unterminated", "\uFEFF{}", "{\"a\":1,\"a\":2}", "nul", "[\"\\x\"]");

  private Bodies() {
  }

  static byte[] json(SplittableRandom r, List<String> fields, List<String> labels) {
    int kind = r.nextInt(100);
    if (kind < 60) {
      return object(r, fields, 0).getBytes(StandardCharsets.UTF_8);
    }
    if (kind < 70) {
      int depth = 50 + r.nextInt(r.nextBoolean() ? 200 : 20_000);
      labels.add("nesting=" + depth);
      String open = r.nextBoolean() ? "[" : "{\"a\":";
      String close = open.equals("[") ? "]" : "}";
      return (open.repeat(depth) + (r.nextBoolean() ? close.repeat(depth) : "")).getBytes(StandardCharsets.UTF_8);
    }
    if (kind < 85) {
      labels.add("broken-json");
      return Mutations.pick(r, BROKEN).getBytes(StandardCharsets.UTF_8);
    }
    if (kind < 92) {
      labels.add("array");
      StringBuilder array = new StringBuilder("[");
      int n = r.nextInt(50);
      for (int i = 0; i < n; i++) {
        array.append(i == 0 ? "" : ",").append(object(r, fields, 1));
      }
      return array.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }
    labels.add("binary");
    byte[] binary = new byte[r.nextInt(2048)];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) r.nextInt(256);
    }
    return binary;
  }

  private static String object(SplittableRandom r, List<String> fields, int depth) {
    StringBuilder object = new StringBuilder("{");
    int n = fields.isEmpty() ? r.nextInt(4) : r.nextInt(fields.size() + 2);
    for (int i = 0; i < n; i++) {
      String name = fields.isEmpty() || r.nextInt(6) == 0 ? "x" + r.nextInt(5) : Mutations.pick(r, fields);
      object.append(i == 0 ? "" : ",").append('"').append(name).append("\":").append(value(r, fields, depth));
    }
    return object.append('}').toString();
  }

  private static String value(SplittableRandom r, List<String> fields, int depth) {
    int kind = r.nextInt(10);
    if (depth < 3 && kind == 0) {
      return object(r, fields, depth + 1);
    }
    if (depth < 3 && kind == 1) {
      return "[" + value(r, fields, depth + 1) + "," + value(r, fields, depth + 1) + "]";
    }
    return Mutations.pick(r, SCALARS);
  }
}
