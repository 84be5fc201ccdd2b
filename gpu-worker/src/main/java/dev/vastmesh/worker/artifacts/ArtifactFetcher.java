package dev.vastmesh.worker.artifacts;

import dev.vastmesh.storage.S3Location;
import dev.vastmesh.storage.StorageClient;
import dev.vastmesh.storage.StorageException;
import dev.vastmesh.storage.fetch.ResumableDownload;
import dev.vastmesh.worker.config.WorkerProperties;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Fetches {@code vastmesh.worker.artifacts.fetch[n]} in order, before the start-up sequence waits
 * for the model: each resumable and retried, checked against its SHA-256 when one is given, an
 * {@code s3://} source turned into a short presigned GET first. The first failure is the
 * worker's {@code error_msg}; after the last success {@value ModelLogLines#READY} goes to MODEL_LOG.
 */
@Component
public class ArtifactFetcher {

  /** How long the presigned GET minted for an {@code s3://} source lives: one fetch. */
  static final Duration MINTED_URL_LIFETIME = Duration.ofMinutes(30);

  private final ArtifactsProperties config;
  private final ModelLogLines lines;
  private final ResumableDownload download;
  private final Map<String, String> env;

  @Autowired
  ArtifactFetcher(WorkerProperties properties, ModelLogLines lines, HttpClient http) {
    this(properties.artifacts(), lines, http, System.getenv());
  }

  ArtifactFetcher(ArtifactsProperties config, ModelLogLines lines, HttpClient http, Map<String, String> env) {
    this.config = config;
    this.lines = lines;
    this.download = new ResumableDownload(http, config.attempts(), config.backoff(), config.requestTimeout());
    this.env = env;
  }

  /** Fetches everything; the error message for the worker when something could not be fetched. */
  public Optional<String> fetchAll() throws InterruptedException {
    List<ArtifactsProperties.Fetch> fetches = config.fetch();
    if (fetches.isEmpty()) {
      return Optional.empty();
    }
    for (int i = 0; i < fetches.size(); i++) {
      ArtifactsProperties.Fetch fetch = fetches.get(i);
      Path file = Path.of(fetch.target()).resolve(fetch.fileName());
      lines.line("fetching " + fetch.describe() + " into " + file + " (" + (i + 1) + "/" + fetches.size() + ")");
      try {
        ResumableDownload.Result result = download.fetch(url(fetch, i), file, fetch.sha256(), lines::line);
        lines.line(result.alreadyPresent() ? "already present: " + file + " (sha-256 " + result.sha256() + ")"
            : "fetched " + file + " (" + result.bytes() + " bytes, sha-256 " + result.sha256()
                + (fetch.sha256() == null ? "" : " as expected") + ", " + result.requests() + " request(s))");
      } catch (StorageException e) {
        String message = "artifact fetch[" + i + "] failed: " + e.getMessage();
        lines.line("fetch failed: " + message);
        return Optional.of(message);
      }
    }
    lines.line(ModelLogLines.READY);
    return Optional.empty();
  }

  private URI url(ArtifactsProperties.Fetch fetch, int index) {
    if (fetch.url() != null) {
      return fetch.uri();
    }
    try (StorageClient client = StoreAccess.open(config.store(), fetch.plane(), ArtifactsProperties.PREFIX + ".fetch[" + index + "].source", env)) {
      S3Location source = S3Location.parse(fetch.source());
      // A missing object is named here, not as a 404 on an anonymous URL.
      if (client.head(source).isEmpty()) {
        throw new StorageException(StorageException.Kind.NOT_FOUND, "no such object: " + source);
      }
      return client.presignGet(source, MINTED_URL_LIFETIME).toURI();
    } catch (URISyntaxException e) {
      throw new StorageException(StorageException.Kind.FAILED, "the presigned URL for " + fetch.source() + " is not a URI", e);
    }
  }
}
