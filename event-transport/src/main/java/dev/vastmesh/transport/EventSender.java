package dev.vastmesh.transport;

import dev.vastmesh.events.EventEnvelope;

/**
 * Makes one attempt to get a canonical event to the event router durably: it returns once the
 * router acknowledged it, or Redis appended it to the router's stream, or once that failed. It
 * never retries by itself (a batch the router may have taken is not sent twice); callers that
 * must not lose the event retry with {@link RetryingPublisher}, callers that answer someone
 * (the gateway's webhook) pass the failure on so the sender upstream retries.
 */
public interface EventSender extends AutoCloseable {

  /**
   * @param json the event's canonical JSON, exactly the bytes to send
   * @throws InterruptedException when the calling thread is interrupted while waiting
   */
  SendResult send(EventEnvelope event, byte[] json) throws InterruptedException;

  /** For metrics and logs: {@code http} or {@code redis}. */
  String mode();

  @Override
  default void close() {
  }
}
