package dev.vastmesh.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

/**
 * Makes one side like the other, file by file, by size and modification time (as {@code aws s3
 * sync} does): a file is copied when the other side lacks it, its size differs, or the source is
 * newer (to the second; a download takes the object's time, so it is not fetched again). With
 * {@code delete}, what only the destination has is removed. Downloads land in a temporary sibling
 * and multipart uploads complete atomically, so an interrupted sync leaves no half file that a
 * later run would take for done: running it again transfers what is still missing.
 */
public final class Sync {

  /** Suffix of a download in progress; never synced. */
  static final String PARTIAL = ".vastmesh-part";

  private Sync() {
  }

  /** One step of a plan. */
  public sealed interface Action {
    String relative();

    String describe();
  }

  public record Upload(String relative, Path file, S3Location target, long size, String why) implements Action {
    @Override
    public String describe() {
      return "upload " + file + " -> " + target + " (" + why + ")";
    }
  }

  public record Download(String relative, S3Location source, Path file, long size, String why) implements Action {
    @Override
    public String describe() {
      return "download " + source + " -> " + file + " (" + why + ")";
    }
  }

  public record DeleteObject(String relative, S3Location target) implements Action {
    @Override
    public String describe() {
      return "delete " + target + " (not in the source)";
    }
  }

  public record DeleteFile(String relative, Path file) implements Action {
    @Override
    public String describe() {
      return "delete " + file + " (not in the source)";
    }
  }

  /** What a sync would do, and how many files already match. */
  public record Plan(List<Action> actions, int unchanged) {
    public long bytes() {
      return actions.stream().mapToLong(a -> switch (a) {
        case Upload u -> u.size();
        case Download d -> d.size();
        default -> 0;
      }).sum();
    }
  }

  public static Plan upload(StorageClient client, Path directory, S3Location target, boolean delete) {
    Map<String, LocalFile> local = localFiles(directory);
    client.requireBucket(target.bucket());
    Map<String, ObjectInfo> remote = remoteObjects(client, target);
    List<Action> actions = new ArrayList<>();
    int unchanged = 0;
    for (var entry : local.entrySet()) {
      LocalFile file = entry.getValue();
      ObjectInfo object = remote.get(entry.getKey());
      String why = object == null ? "new" : object.size() != file.size() ? "size " + object.size() + " -> " + file.size()
          : seconds(file.modified()).isAfter(seconds(object.lastModified())) ? "newer" : null;
      if (why == null) {
        unchanged++;
      } else {
        actions.add(new Upload(entry.getKey(), file.path(), target.child(entry.getKey()), file.size(), why));
      }
    }
    if (delete) {
      remote.keySet().stream().filter(k -> !local.containsKey(k)).forEach(k -> actions.add(new DeleteObject(k, target.child(k))));
    }
    return new Plan(List.copyOf(actions), unchanged);
  }

  public static Plan download(StorageClient client, S3Location source, Path directory, boolean delete) {
    client.requireBucket(source.bucket());
    Map<String, ObjectInfo> remote = remoteObjects(client, source);
    Map<String, LocalFile> local = Files.isDirectory(directory) ? localFiles(directory) : Map.of();
    List<Action> actions = new ArrayList<>();
    int unchanged = 0;
    for (var entry : remote.entrySet()) {
      ObjectInfo object = entry.getValue();
      LocalFile file = local.get(entry.getKey());
      String why = file == null ? "new" : object.size() != file.size() ? "size " + file.size() + " -> " + object.size()
          : seconds(object.lastModified()).isAfter(seconds(file.modified())) ? "newer" : null;
      if (why == null) {
        unchanged++;
      } else {
        actions.add(new Download(entry.getKey(), source.child(entry.getKey()), resolve(directory, entry.getKey()), object.size(), why));
      }
    }
    if (delete) {
      local.entrySet().stream().filter(e -> !remote.containsKey(e.getKey()))
          .forEach(e -> actions.add(new DeleteFile(e.getKey(), e.getValue().path())));
    }
    return new Plan(List.copyOf(actions), unchanged);
  }

  /** Carries a plan out, {@code filesInFlight} files at a time; the first failure is thrown once all have settled. */
  public static void execute(StorageClient client, Plan plan, TransferProgress progress, int filesInFlight) {
    Semaphore window = new Semaphore(filesInFlight);
    List<CompletableFuture<Void>> running = new ArrayList<>();
    try {
      for (Action action : plan.actions()) {
        window.acquire();
        CompletableFuture<Void> step = switch (action) {
          case Upload u -> client.uploadAsync(u.file(), u.target(), progress);
          case Download d -> client.downloadAsync(d.source(), d.file(), progress);
          case DeleteObject d -> client.deleteAsync(d.target());
          case DeleteFile d -> CompletableFuture.runAsync(() -> {
            try {
              Files.deleteIfExists(d.file());
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
        };
        running.add(step.whenComplete((ok, failure) -> window.release()));
        if (running.stream().anyMatch(CompletableFuture::isCompletedExceptionally)) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException(StorageException.Kind.FAILED, "sync interrupted");
    }
    CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).exceptionally(t -> null).join();
    for (CompletableFuture<Void> step : running) {
      StorageClient.join(step);
    }
  }

  private record LocalFile(Path path, long size, Instant modified) {
  }

  private static Map<String, LocalFile> localFiles(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new StorageException(StorageException.Kind.NOT_FOUND, "no such directory: " + directory);
    }
    Map<String, LocalFile> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(p) && !p.getFileName().toString().endsWith(PARTIAL)) {
          String relative = directory.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
          files.put(relative, new LocalFile(p, Files.size(p), Files.getLastModifiedTime(p).toInstant()));
        }
      }
    } catch (IOException e) {
      throw new StorageException(StorageException.Kind.FAILED, "cannot read " + directory + ": " + e.getMessage(), e);
    }
    return files;
  }

  private static Map<String, ObjectInfo> remoteObjects(StorageClient client, S3Location prefix) {
    Map<String, ObjectInfo> objects = new HashMap<>();
    for (ObjectInfo o : client.list(new S3Location(prefix.bucket(), prefix.prefix()), true)) {
      String relative = o.key().substring(prefix.prefix().length());
      if (!relative.isEmpty() && !relative.endsWith("/")) {
        objects.put(relative, o);
      }
    }
    return objects;
  }

  private static Path resolve(Path directory, String relative) {
    Path file = directory.resolve(relative).normalize();
    if (!file.startsWith(directory.normalize())) {
      // A key such as "../x" must not write outside the target directory.
      throw new StorageException(StorageException.Kind.FAILED, "refusing key that leaves " + directory + ": " + relative);
    }
    return file;
  }

  private static Instant seconds(Instant time) {
    return time.truncatedTo(ChronoUnit.SECONDS);
  }
}
