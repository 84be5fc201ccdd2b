package dev.vastmesh.storage;

import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * How to talk to the store once an endpoint is chosen. Path-style addressing is the default:
 * MinIO and most S3-compatible stores serve buckets under the path, not as sub-domains.
 *
 * @param region the signing region (MinIO accepts any; {@code us-east-1} by default)
 * @param keys static keys; {@code null} for the standard AWS chain (environment, profile, ...)
 * @param multipartThreshold objects at least this large go up and down in parts
 * @param partSize the size of each part
 * @param maxConcurrency HTTP connections at once (parts and files in flight)
 * @param callTimeout the longest one API call may take (not a whole transfer)
 */
public record StorageSettings(String region, @Nullable Keys keys, boolean pathStyle, long multipartThreshold,
    long partSize, int maxConcurrency, Duration callTimeout) {

  public static final long MIB = 1024 * 1024;

  /** An access key pair; {@link #toString()} never shows the secret. */
  public record Keys(String accessKey, String secretKey) {

    @Override
    public String toString() {
      return "Keys[accessKey=" + accessKey + ", secretKey=<redacted>]";
    }
  }

  public StorageSettings {
    if (partSize < 5 * MIB) {
      throw new StorageException(StorageException.Kind.MISCONFIGURED, "the part size must be at least 5 MiB (S3's minimum), not " + partSize);
    }
    if (multipartThreshold < partSize) {
      multipartThreshold = partSize;
    }
    if (maxConcurrency < 1) {
      throw new StorageException(StorageException.Kind.MISCONFIGURED, "max concurrency must be at least 1, not " + maxConcurrency);
    }
  }

  /** 16 MiB threshold, 8 MiB parts, 32 connections, keys from MINIO_ACCESS_KEY/MINIO_SECRET_KEY when both are set. */
  public static StorageSettings defaults(Map<String, String> env) {
    return new StorageSettings(env.getOrDefault("STORAGE_REGION", "us-east-1"), keys(env), true, 16 * MIB, 8 * MIB, 32,
        Duration.ofMinutes(5));
  }

  public StorageSettings withKeys(@Nullable Keys newKeys) {
    return new StorageSettings(region, newKeys, pathStyle, multipartThreshold, partSize, maxConcurrency, callTimeout);
  }

  public StorageSettings withParts(long threshold, long size) {
    return new StorageSettings(region, keys, pathStyle, threshold, size, maxConcurrency, callTimeout);
  }

  /** MINIO_ACCESS_KEY and MINIO_SECRET_KEY, both or neither (then the AWS chain applies). */
  public static @Nullable Keys keys(Map<String, String> env) {
    String access = env.get("MINIO_ACCESS_KEY");
    String secret = env.get("MINIO_SECRET_KEY");
    boolean hasAccess = access != null && !access.isBlank();
    boolean hasSecret = secret != null && !secret.isBlank();
    if (hasAccess != hasSecret) {
      throw new StorageException(StorageException.Kind.MISCONFIGURED,
          (hasAccess ? "MINIO_SECRET_KEY" : "MINIO_ACCESS_KEY") + " is not set: set both MINIO_ACCESS_KEY and MINIO_SECRET_KEY, "
              + "or neither to use the standard AWS credentials chain");
    }
    return hasAccess ? new Keys(access.strip(), secret.strip()) : null;
  }

  AwsCredentialsProvider credentials() {
    return keys == null ? DefaultCredentialsProvider.builder().build()
        : StaticCredentialsProvider.create(AwsBasicCredentials.create(keys.accessKey(), keys.secretKey()));
  }
}
