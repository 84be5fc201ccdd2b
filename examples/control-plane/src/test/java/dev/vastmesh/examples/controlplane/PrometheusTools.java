package dev.vastmesh.examples.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code prometheus} package (Prometheus 2.42): {@code promtool} and the server, found on
 * the PATH and run as processes. Without them the tests that need them fail and say how to
 * install them; a developer can skip them instead with {@code -Dvastmesh.prometheus-tools.optional=true}
 * (CI never does: {@code .ci/run} installs the package).
 */
final class PrometheusTools {

  static final String OPTIONAL = "vastmesh.prometheus-tools.optional";
  static final Path DEPLOY = EndToEnd.REPO.resolve("deploy");

  private PrometheusTools() {
  }

  /** What a run printed (standard output and error together) and how it exited. */
  record Run(int exitCode, String output) {
  }

  /** The binary on the PATH; fails (or, when opted out, skips) the test without it. */
  static Path require(String binary) {
    Optional<Path> found = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
        .filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, binary)).filter(Files::isExecutable).findFirst();
    if (found.isPresent()) {
      return found.get();
    }
    String missing = binary + " is not on the PATH: these tests need Debian's prometheus package (apt-get install -y prometheus; "
        + ".ci/run installs it)";
    if (Boolean.getBoolean(OPTIONAL)) {
      Assumptions.abort(missing + "; skipped because -D" + OPTIONAL + "=true");
    }
    throw new AssertionError(missing + ". To skip them on a machine without it, pass -D" + OPTIONAL + "=true.");
  }

  /** {@code promtool args...} in {@code dir}, with {@code stdin} as its input; at most a minute. */
  static Run promtool(Path dir, byte[] stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add(require("promtool").toString());
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
        try {
          return process.getInputStream().readAllBytes();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      try (OutputStream in = process.getOutputStream()) {
        in.write(stdin);
      }
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("promtool " + String.join(" ", args) + " did not finish within 60 s");
      }
      return new Run(process.exitValue(), new String(output.join(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** {@code promtool args...} in {@code dir}, expected to succeed; answers what it printed. */
  static String promtoolSucceeds(Path dir, String... args) {
    Run run = promtool(dir, new byte[0], args);
    assertThat(run.exitCode()).as("promtool %s:%n%s", String.join(" ", args), run.output()).isZero();
    return run.output();
  }
}
