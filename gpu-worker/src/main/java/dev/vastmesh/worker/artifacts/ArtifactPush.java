package dev.vastmesh.worker.artifacts;

import dev.vastmesh.storage.S3Location;
import dev.vastmesh.storage.StorageClient;
import dev.vastmesh.storage.StorageException;
import dev.vastmesh.storage.TransferProgress;
import dev.vastmesh.storage.fetch.ResumableDownload;
import dev.vastmesh.worker.config.WorkerProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Pushes {@code vastmesh.worker.artifacts.push.directory} when the job ends, which for a worker is
 * when it shuts down (SIGTERM from {@code docker stop}, Vast stopping the instance, Ctrl-C): after
 * the web server has drained the requests in flight, before it stops. Each file goes to its
 * presigned PUT URL, or else under the {@code s3://} destination; what has neither is named and
 * left. Pushes are bounded by {@code push.timeout} so shutdown cannot hang on the store.
 */
@Component
public class ArtifactPush implements SmartLifecycle {

  /** After the web server's graceful drain (DEFAULT_PHASE - 1024), before it stops (- 2048). */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1536;

  private final ArtifactsProperties config;
  private final ModelLogLines lines;
  private final HttpClient http;
  private final Map<String, String> env;
  private volatile boolean running;

  ArtifactPush(WorkerProperties properties, ModelLogLines lines, HttpClient http) {
    this.config = properties.artifacts();
    this.lines = lines;
    this.http = http;
    this.env = System.getenv();
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    ArtifactsProperties.Push push = config.push();
    if (push.directory() == null || push.directory().isBlank()) {
      return;
    }
    Thread pusher = Thread.ofVirtual().name("artifact-push").start(() -> pushAll(push));
    try {
      if (!pusher.join(push.timeout())) {
        pusher.interrupt();
        lines.line("push: gave up after " + push.timeout().toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void pushAll(ArtifactsProperties.Push push) {
    Path directory = Path.of(push.directory());
    List<Path> files;
    try (Stream<Path> walk = Files.walk(directory)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      lines.line("push: cannot read " + directory + ": " + e.getMessage());
      return;
    }
    StorageClient client = null;
    try {
      for (Path file : files) {
        String relative = directory.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        String given = push.urls().get(relative);
        @Nullable URI url = given == null ? null : URI.create(given);
        try {
          if (url != null) {
            put(file, url);
            lines.line("pushed " + relative + " to " + ResumableDownload.redact(url));
          } else if (push.destination() != null && !push.destination().isBlank()) {
            if (client == null) {
              client = StoreAccess.open(config.store(), push.plane(), ArtifactsProperties.PREFIX + ".push.destination", env);
            }
            S3Location target = S3Location.parse(push.destination()).child(relative);
            client.upload(file, target, TransferProgress.NONE);
            lines.line("pushed " + relative + " to " + target);
          } else {
            lines.line("push: no presigned URL for " + relative + " (push.urls[" + relative + "]); not pushed");
          }
        } catch (StorageException | IOException e) {
          lines.line("push of " + relative + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    } finally {
      if (client != null) {
        client.close();
      }
    }
  }

  private void put(Path file, URI url) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(config.push().timeout())
        .PUT(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException("PUT " + ResumableDownload.redact(url) + " answered HTTP " + response.statusCode()
          + (response.statusCode() == 403 ? " (expired or not a valid presigned URL?)" : ""));
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
