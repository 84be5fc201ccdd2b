package dev.vastmesh.storage;

/**
 * A storage failure with a message fit for a person: it names the setting, bucket, key or
 * endpoint involved and never a secret. {@link #kind()} tells callers (the CLI's exit code, the
 * worker's error message) what went wrong without parsing the message.
 */
public final class StorageException extends RuntimeException {

  /** What went wrong. */
  public enum Kind {
    /** A setting is missing, malformed or breaks the plane rule; the message names it. */
    MISCONFIGURED,
    /** The store refused the credentials or the request (HTTP 403). */
    ACCESS_DENIED,
    /** The bucket does not exist. */
    NO_SUCH_BUCKET,
    /** The object (or local file) does not exist. */
    NOT_FOUND,
    /** The endpoint could not be reached. */
    UNREACHABLE,
    /** Anything else: an I/O error, a checksum mismatch, an unexpected answer. */
    FAILED
  }

  private final Kind kind;

  public StorageException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public StorageException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
