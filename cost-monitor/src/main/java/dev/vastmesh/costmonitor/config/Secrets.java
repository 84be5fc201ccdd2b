package dev.vastmesh.costmonitor.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** A secret from a file (first line, trimmed) or a value; the file wins. Never logged. */
public final class Secrets {

  private Secrets() {
  }

  public static @Nullable String read(@Nullable String value, @Nullable String file, String what) {
    if (file != null && !file.isBlank()) {
      try {
        String content = Files.readString(Path.of(file.strip())).strip();
        return content.isEmpty() ? null : content.lines().findFirst().orElse("").strip();
      } catch (IOException e) {
        // The path is configuration, not a secret: safe to name.
        throw new UncheckedIOException("cannot read " + what + " from " + file, e);
      }
    }
    return value == null || value.isBlank() ? null : value.strip();
  }
}
