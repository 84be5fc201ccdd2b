package dev.vastmesh.examples.embeddings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The server's log, in the shape Python model servers print (level, then message), to standard
 * output and, when given, to a file: the file is what a gpu-worker follows (MODEL_LOG) to learn
 * that the model is loaded.
 */
final class ModelLog {

  private final @Nullable Writer file;

  ModelLog(@Nullable Path path) {
    try {
      this.file = path == null ? null : Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the model log " + path, e);
    }
  }

  synchronized void info(String message) {
    write("INFO:     " + message);
  }

  synchronized void error(String message) {
    write("ERROR:    " + message);
  }

  private void write(String line) {
    String stamped = Instant.now() + " " + line;
    System.out.println(stamped);
    if (file != null) {
      try {
        file.write(stamped);
        file.write('\n');
        file.flush();
      } catch (IOException e) {
        System.err.println("model log write failed: " + e);
      }
    }
  }
}
