package dev.vastmesh.gateway.handoff;

import dev.vastmesh.events.EventEnvelope;

/**
 * Hands an accepted event to the event router. It returns only once the event is durable there
 * (the router acknowledged it, or Redis appended it to the router's stream); otherwise it
 * throws, and the gateway answers 503 so the sender retries.
 */
public interface EventHandoff {

  void handOff(EventEnvelope event, byte[] json) throws HandoffException;

  /** For metrics: {@code http} or {@code redis}. */
  String mode();

  /** The event could not be made durable. The message is safe to show: it names no secret. */
  final class HandoffException extends Exception {
    public HandoffException(String message, Throwable cause) {
      super(message, cause);
    }

    public HandoffException(String message) {
      super(message);
    }
  }
}
