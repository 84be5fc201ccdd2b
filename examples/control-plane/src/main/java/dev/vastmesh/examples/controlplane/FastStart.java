package dev.vastmesh.examples.controlplane;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts a Spring Boot service the way the JDK starts it fastest: extracted (classes inside a fat
 * jar's nested jars cannot be archived) and with a cache recorded by one training run after each
 * build — an ahead-of-time cache on JDK 25 and later (classes already loaded and linked), a
 * class-data-sharing archive on JDK 21 to 24. The training run is Spring Boot's own: the context
 * refreshes and the JVM exits, so recording costs one start per service and none at shutdown.
 *
 * <p>Everything lives beside the jar in {@code target/fast-start/<name>/}, so a rebuild (a newer
 * jar) throws it away and the next start records a new cache: a cache never outlives its classes.
 */
final class FastStart {

  private static final String STAMP = ".extracted-from";

  private final Path java;
  private final int feature;

  FastStart(Path java, int feature) {
    this.java = java;
    this.feature = feature;
  }

  static FastStart forThisJvm() {
    return new FastStart(Path.of(ProcessHandle.current().info().command().orElse("java")), Runtime.version().feature());
  }

  /** Where the extracted application and its cache live. */
  static Path home(Path jar) {
    return jar.getParent().resolve("fast-start").resolve(jar.getFileName().toString().replaceFirst("\\.jar$", ""));
  }

  /** One service to prepare: its jar, and the JVM options and settings it will run with. */
  record Service(Path jar, List<String> jvmOptions, Settings settings) {
  }

  /**
   * Brings each service's extraction and cache up to date, all in parallel: a jar newer than its
   * extraction is extracted again, then run once to record the cache (Spring Boot's training run:
   * the context refreshes and the JVM exits). A failure is reported and that service simply starts
   * without a cache; it never stops the run.
   */
  void prepare(List<Service> services, PrintStream out) throws IOException, InterruptedException {
    List<Service> stale = new ArrayList<>();
    for (Service service : services) {
      if (!current(service.jar())) {
        delete(home(service.jar()));
        Files.createDirectories(home(service.jar()));
        stale.add(service);
      }
    }
    if (stale.isEmpty()) {
      return;
    }
    out.println("vastmesh: recording start-up caches for " + stale.size() + " services (once after each build) ...");
    runAll(stale, service -> List.of(java.toString(), "-Djarmode=tools", "-jar", service.jar().toString(), "extract",
        "--destination", home(service.jar()).resolve("app").toString()), "extract");
    runAll(stale, this::training, "training");
    for (Service service : stale) {
      if (Files.isRegularFile(cache(service.jar()))) {
        Files.writeString(home(service.jar()).resolve(STAMP), stamp(service.jar()), StandardCharsets.UTF_8);
      } else {
        out.println("vastmesh: no start-up cache for " + service.jar().getFileName() + " (see "
            + home(service.jar()).resolve("training.log") + "); it starts without one");
      }
    }
  }

  private List<String> training(Service service) {
    // The same JVM options as the real run: a cache recorded under another collector is refused.
    List<String> command = new ArrayList<>(List.of(java.toString()));
    command.addAll(service.jvmOptions());
    command.addAll(List.of((feature >= 25 ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + cache(service.jar()),
        "-Dspring.context.exit=onRefresh", quietCacheLogs(), "-jar", app(service.jar()).toString()));
    // The context refreshes and the JVM exits before any lifecycle starts: no port is bound, no
    // thread talks to another service, so the training run can take the real run's arguments.
    command.addAll(service.settings().args());
    return command;
  }

  private static void runAll(List<Service> services, java.util.function.Function<Service, List<String>> command, String step)
      throws IOException, InterruptedException {
    List<Process> running = new ArrayList<>();
    for (Service service : services) {
      Path log = home(service.jar()).resolve(step + ".log");
      ProcessBuilder builder = new ProcessBuilder(command.apply(service)).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(service.settings().environment());
      running.add(builder.start());
    }
    for (Process process : running) {
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  /** The JVM options and jar that start the service: prepared when it could be, as built otherwise. */
  List<String> launch(Path jar) throws IOException {
    if (!current(jar)) {
      return List.of("-jar", jar.toString());
    }
    String cache = cache(jar).toString();
    return List.of(feature >= 25 ? "-XX:AOTCache=" + cache : "-XX:SharedArchiveFile=" + cache, quietCacheLogs(), "-jar",
        app(jar).toString());
  }

  /** A cache that does not fit (another JDK, say) is ignored: a slower start, never a failed one. */
  private String quietCacheLogs() {
    return feature >= 25 ? "-Xlog:aot=off,cds=off" : "-Xlog:cds=off";
  }

  private static Path app(Path jar) {
    return home(jar).resolve("app").resolve(jar.getFileName());
  }

  private Path cache(Path jar) {
    return home(jar).resolve(feature >= 25 ? "app.aot" : "app.jsa");
  }

  private static boolean current(Path jar) throws IOException {
    Path stamp = home(jar).resolve(STAMP);
    return Files.isRegularFile(stamp) && Files.readString(stamp, StandardCharsets.UTF_8).equals(stamp(jar));
  }

  private static String stamp(Path jar) throws IOException {
    return jar.toAbsolutePath() + " " + Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
