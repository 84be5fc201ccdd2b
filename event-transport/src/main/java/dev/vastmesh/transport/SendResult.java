package dev.vastmesh.transport;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** What one attempt to make an event durable at the router came to. */
public sealed interface SendResult {

  /** The one delivered result: senders share it rather than allocate per event. */
  SendResult DELIVERED = new Delivered();

  /** The receiver acknowledged the event (a 2xx, or the stream appended it). */
  record Delivered() implements SendResult {
  }

  /**
   * Not taken this time; the same event may be taken later (a 408, 429 or 5xx, no answer, a
   * backlog, Redis away).
   *
   * @param reason what happened, safe to log and show: it names no secret
   * @param retryAfter the receiver's {@code Retry-After}, read by {@link RetryAfter}, when it sent one
   * @param cause the exception behind it, when there was one
   */
  record Retryable(String reason, @Nullable Duration retryAfter, @Nullable Throwable cause) implements SendResult {

    public Retryable(String reason) {
      this(reason, null, null);
    }
  }

  /**
   * The receiver's final word, a 4xx other than 408 and 429: sending the same event again cannot help.
   *
   * @param status the HTTP status
   * @param reason what happened, safe to log and show
   */
  record Refused(int status, String reason) implements SendResult {
  }

  /**
   * The result of an HTTP answer with {@code status}.
   *
   * @param receiver who answered, for the reason ({@code event router}, {@code the gateway})
   */
  static SendResult ofStatus(int status, String receiver, @Nullable Duration retryAfter) {
    if (status / 100 == 2) {
      return DELIVERED;
    }
    String reason = receiver + " answered HTTP " + status;
    if (status / 100 == 4 && status != 408 && status != 429) {
      return new Refused(status, reason);
    }
    return new Retryable(reason, retryAfter, null);
  }

  default boolean delivered() {
    return this instanceof Delivered;
  }

  /** The reason, for logs and errors; {@code delivered} when it was. */
  default String describe() {
    return switch (this) {
      case Delivered d -> "delivered";
      case Retryable r -> r.reason();
      case Refused r -> r.reason();
    };
  }
}
