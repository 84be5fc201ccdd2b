package dev.vastmesh.examples.embeddings;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** {@code --name=value} arguments, falling back to an environment variable, then a default. */
final class Options {

  private final Map<String, String> values = new HashMap<>();

  Options(String[] args) {
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("expected --name=value, got " + arg);
      }
      values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
  }

  @Nullable String text(String name, @Nullable String env) {
    String value = values.get(name);
    if (value == null && env != null) {
      value = System.getenv(env);
    }
    return value == null || value.isBlank() ? null : value;
  }

  int integer(String name, @Nullable String env, int fallback) {
    String value = text(name, env);
    return value == null ? fallback : Integer.parseInt(value);
  }

  @Nullable Path path(String name, @Nullable String env) {
    String value = text(name, env);
    return value == null ? null : Path.of(value);
  }
}
