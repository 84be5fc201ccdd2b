package dev.vastmesh.deploy.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code deploy/worker/onstart.sh} run as an instance runs it: in the foreground, in a directory of
 * its own, with nothing of the test's environment but {@code PATH} and what the test gives it.
 */
final class Onstart implements AutoCloseable {

  private final Path home;
  private final Process process;

  private Onstart(Path home, Process process) {
    this.home = home;
    this.process = process;
  }

  static Onstart start(Path repo, Path home, Map<String, String> env) {
    ProcessBuilder builder = new ProcessBuilder("bash", repo.resolve("deploy/worker/onstart.sh").toString())
        .directory(home.toFile()).redirectErrorStream(true).redirectOutput(home.resolve("onstart.out").toFile());
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().put("HOME", home.toString());
    builder.environment().put("VASTMESH_HOME", home.resolve("vastmesh").toString());
    builder.environment().put("VASTMESH_FOREGROUND", "1");
    builder.environment().putAll(env);
    try {
      return new Onstart(home.resolve("vastmesh"), builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path home() {
    return home;
  }

  String log() {
    return read(home.resolve("onstart.log"));
  }

  String workerLog() {
    return read(home.resolve("worker.log"));
  }

  long workerPid() {
    return Long.parseLong(read(home.resolve("worker.pid")).strip());
  }

  boolean isAlive() {
    return process.isAlive();
  }

  int exitValue() {
    return process.exitValue();
  }

  private static String read(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGTERM, as Vast stopping the instance: the script stops the worker and the model server. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
    }
  }
}
