package dev.vastmesh.vastai.cli.storage;

import dev.vastmesh.storage.S3Location;
import dev.vastmesh.storage.StorageClient;
import dev.vastmesh.storage.StorageException;
import dev.vastmesh.storage.planes.PlaneChoice;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code presign s3://bucket/key [--put] [--expires 15m]}: a URL an instance can GET (or PUT) with
 * no credentials until it expires. URLs are for instances, so {@code auto} means the public plane
 * here; expiry is at most 12 h, as a leaked URL should not outlive the job it was made for.
 */
@Command(name = "presign", mixinStandardHelpOptions = true, description = "Print a presigned GET (or PUT) URL for one object.")
final class PresignCommand extends StorageVerb {

  static final Duration LONGEST = Duration.ofHours(12);

  @Parameters(index = "0", paramLabel = "s3://BUCKET/KEY", description = "the object the URL is for") String location;
  @Option(names = "--put", description = "a URL to upload the object, not to download it") boolean put;
  @Option(names = "--expires", defaultValue = "15m", description = "how long the URL works: 90s, 15m, 2h (at most 12h)") String expires;

  @Override
  int run() {
    S3Location object = S3Location.parse(location);
    if (object.isPrefix()) {
      throw new StorageException(StorageException.Kind.MISCONFIGURED, "presign needs an object key, not the prefix " + object);
    }
    Duration expiry = duration(expires);
    if (options.choice() == PlaneChoice.AUTO) {
      options.plane = "public";
    }
    try (StorageClient client = open()) {
      out().println(put ? client.presignPut(object, expiry) : client.presignGet(object, expiry));
    }
    return 0;
  }

  static Duration duration(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    Duration d;
    try {
      d = t.startsWith("p") ? Duration.parse(t.toUpperCase(Locale.ROOT)) : switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
        case 'm' -> Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        case 'h' -> Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
        default -> throw new NumberFormatException(t);
      };
    } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
      throw new StorageException(StorageException.Kind.MISCONFIGURED, "--expires must be like 90s, 15m or 2h, not " + text);
    }
    if (d.isNegative() || d.isZero() || d.compareTo(LONGEST) > 0) {
      throw new StorageException(StorageException.Kind.MISCONFIGURED, "--expires must be more than 0 and at most 12h, not " + text);
    }
    return d;
  }
}
