package dev.vastmesh.storage.internal;

import dev.vastmesh.storage.StorageException;
import dev.vastmesh.storage.StorageException.Kind;
import java.net.ConnectException;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns the SDK's exceptions into {@link StorageException}s a person can act on: which endpoint,
 * which bucket or key, and what to fix — never the SDK's stack trace or a secret.
 */
public final class S3Errors {

  private S3Errors() {
  }

  public static StorageException translate(Throwable failure, URI endpoint, String bucket, String what) {
    Throwable t = unwrap(failure);
    if (t instanceof StorageException storage) {
      return storage;
    }
    if (t instanceof S3Exception s3) {
      String code = s3.awsErrorDetails() == null || s3.awsErrorDetails().errorCode() == null ? "" : s3.awsErrorDetails().errorCode();
      return switch (code) {
        case "NoSuchBucket" -> noSuchBucket(endpoint, bucket);
        case "NoSuchKey", "NotFound" -> new StorageException(Kind.NOT_FOUND, what + ": no such object at " + endpoint, s3);
        case "InvalidAccessKeyId", "SignatureDoesNotMatch" -> new StorageException(Kind.ACCESS_DENIED, what + ": " + endpoint
            + " refused the credentials (" + code + "): check MINIO_ACCESS_KEY and MINIO_SECRET_KEY", s3);
        default -> switch (s3.statusCode()) {
          case 403 -> new StorageException(Kind.ACCESS_DENIED, what + ": " + endpoint + " denied access" + (code.isEmpty() ? "" : " (" + code + ")")
              + ": check MINIO_ACCESS_KEY and MINIO_SECRET_KEY and the bucket's policy", s3);
          case 404 -> new StorageException(Kind.NOT_FOUND, what + ": not found at " + endpoint, s3);
          default -> new StorageException(Kind.FAILED, what + ": " + endpoint + " answered HTTP " + s3.statusCode()
              + (code.isEmpty() ? "" : " " + code), s3);
        };
      };
    }
    if (t instanceof SdkClientException client) {
      if (client.getMessage() != null && client.getMessage().startsWith("Unable to load credentials")) {
        // The chain's message lists every provider it tried, at length; what to do is short.
        return new StorageException(Kind.MISCONFIGURED, what + ": no credentials: set MINIO_ACCESS_KEY and MINIO_SECRET_KEY "
            + "(or AWS credentials through the standard chain)", client);
      }
      Throwable root = client;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
        if (root instanceof ConnectException || root instanceof ClosedChannelException) {
          return new StorageException(Kind.UNREACHABLE, what + ": cannot reach " + endpoint + " (" + root.getClass().getSimpleName()
              + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")", client);
        }
      }
      return new StorageException(Kind.UNREACHABLE, what + ": " + endpoint + ": " + client.getMessage(), client);
    }
    return new StorageException(Kind.FAILED, what + ": " + t, t);
  }

  public static StorageException noSuchBucket(URI endpoint, String bucket) {
    return new StorageException(Kind.NO_SUCH_BUCKET, "bucket " + bucket + " does not exist at " + endpoint);
  }

  public static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
