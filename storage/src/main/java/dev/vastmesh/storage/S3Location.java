package dev.vastmesh.storage;

import java.util.Locale;

/**
 * An {@code s3://bucket/key} address. A key ending in {@code /} (or an empty key) is a prefix.
 */
public record S3Location(String bucket, String key) {

  public S3Location {
    if (bucket.isBlank()) {
      throw new StorageException(StorageException.Kind.MISCONFIGURED, "an s3:// address needs a bucket: s3://bucket/key");
    }
  }

  public static boolean isS3(String text) {
    return text.toLowerCase(Locale.ROOT).startsWith("s3://");
  }

  /** Parses {@code s3://bucket[/key]}. */
  public static S3Location parse(String text) {
    if (!isS3(text)) {
      throw new StorageException(StorageException.Kind.MISCONFIGURED, "not an s3:// address: " + text);
    }
    String rest = text.substring("s3://".length());
    int slash = rest.indexOf('/');
    return slash < 0 ? new S3Location(rest, "") : new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
  }

  public boolean isPrefix() {
    return key.isEmpty() || key.endsWith("/");
  }

  /** This prefix with a trailing slash (unless empty), for joining relative keys. */
  public String prefix() {
    return key.isEmpty() || key.endsWith("/") ? key : key + "/";
  }

  public S3Location child(String relative) {
    return new S3Location(bucket, prefix() + relative);
  }

  /** The last segment of the key, for copying an object to a local directory. */
  public String name() {
    String trimmed = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + key;
  }
}
