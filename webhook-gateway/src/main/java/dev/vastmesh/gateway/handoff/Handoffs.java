package dev.vastmesh.gateway.handoff;

import dev.vastmesh.transport.SendResult;

/** The hand-off failure for a result that was not a delivery. */
final class Handoffs {

  private Handoffs() {
  }

  static EventHandoff.HandoffException failure(SendResult result) {
    Throwable cause = result instanceof SendResult.Retryable retryable ? retryable.cause() : null;
    return cause != null ? new EventHandoff.HandoffException(result.describe(), cause) : new EventHandoff.HandoffException(result.describe());
  }
}
