package dev.vastmesh.worker.artifacts;

import dev.vastmesh.storage.S3Location;
import dev.vastmesh.storage.fetch.ResumableDownload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vastmesh.worker.artifacts}: what to fetch before the model server is waited for, what to
 * push at shutdown, and the store's two endpoints for {@code s3://} addresses (local runners only:
 * on a Vast instance, {@code s3://} needs keys, and keys never go to an instance).
 *
 * @param attempts requests per fetch before it fails (each resumes where the last broke off)
 * @param backoff the pause after the first failed request, doubled after each
 * @param requestTimeout the longest one request may take
 */
public record ArtifactsProperties(
    @DefaultValue List<@Valid Fetch> fetch,
    @Valid @DefaultValue Push push,
    @Valid @DefaultValue Store store,
    @DefaultValue("5") @Min(1) int attempts,
    @DefaultValue("1s") Duration backoff,
    @DefaultValue("30m") Duration requestTimeout) {

  public static final String PREFIX = "vastmesh.worker.artifacts";

  /**
   * One file to fetch: a presigned {@code url}, or an {@code s3://} {@code source} reached on
   * {@code plane}; into the {@code target} directory as {@code name} (default: the last segment of
   * the key or URL path); checked against {@code sha256} when given.
   */
  public record Fetch(@Nullable String url, @Nullable String source, @DefaultValue("auto") String plane, @Nullable String target,
      @Nullable String name, @Nullable String sha256) {

    public Fetch {
      if (url != null && url.isBlank()) {
        url = null;
      }
      if ((url == null) == (source == null || source.isBlank())) {
        throw new IllegalArgumentException("each " + PREFIX + ".fetch[n] needs exactly one of url (a presigned URL) and source (s3://...)");
      }
      if (url != null && !(url.startsWith("https://") || url.startsWith("http://"))) {
        throw new IllegalArgumentException(PREFIX + ".fetch[n].url must be an http(s) URL");
      }
      if (source != null && !source.isBlank() && !S3Location.isS3(source)) {
        throw new IllegalArgumentException(PREFIX + ".fetch[n].source must be an s3:// address, not " + source);
      }
      if (target == null || target.isBlank()) {
        throw new IllegalArgumentException(PREFIX + ".fetch[n].target (the directory to fetch into) is required");
      }
      if (sha256 != null && !sha256.isBlank() && !sha256.strip().matches("(?i)[0-9a-f]{64}")) {
        throw new IllegalArgumentException(PREFIX + ".fetch[n].sha256 must be 64 hex digits");
      }
    }

    String fileName() {
      if (name != null && !name.isBlank()) {
        return name;
      }
      String path = url != null ? uri().getPath() : S3Location.parse(source).key();
      return path.substring(path.lastIndexOf('/') + 1);
    }

    /**
     * The URL as given. Kept a string in the properties: Spring's URI conversion re-encodes the
     * {@code %} of a presigned URL's escapes, which breaks its signature.
     */
    URI uri() {
      return URI.create(url);
    }

    String describe() {
      return url != null ? ResumableDownload.redact(uri()) : source;
    }

    @Override
    public String toString() {
      return "Fetch[" + describe() + " -> " + target + "]";
    }
  }

  /**
   * The files of {@code directory} to push at shutdown: each to its presigned PUT URL in
   * {@code urls} (relative path → URL, as strings for the reason {@link Fetch#uri()} gives), or
   * else under the {@code destination} {@code s3://} prefix (local runners).
   */
  public record Push(@Nullable String directory, @Nullable String destination, @DefaultValue("auto") String plane,
      @DefaultValue Map<String, String> urls, @DefaultValue("60s") Duration timeout) {

    @Override
    public String toString() {
      return "Push[" + directory + " -> " + (destination != null ? destination
          : urls.entrySet().stream().map(e -> e.getKey() + "=" + ResumableDownload.redact(URI.create(e.getValue()))).collect(Collectors.joining(", "))) + "]";
    }
  }

  /** The store's endpoints (the plane rule applies); keys come from MINIO_ACCESS_KEY/MINIO_SECRET_KEY or the AWS chain. */
  public record Store(@Nullable URI publicEndpoint, @Nullable URI privateEndpoint, @DefaultValue("us-east-1") String region) {
  }
}
