package dev.vastmesh.gateway.ingest;

import java.util.Map;

/** How the gateway answered a webhook it did not refuse. */
public sealed interface Outcome {

  /** Extra response headers, e.g. RateLimit-*. */
  Map<String, String> headers();

  /** 202: the event was handed off durably. */
  record Accepted(String eventId, String type, Map<String, String> headers) implements Outcome {
  }

  /**
   * 200: this message was already accepted; the original event id is returned, so a sender that
   * retried after a lost answer learns it succeeded and stops (a 409 would make some senders
   * retry forever or alarm).
   */
  record Duplicate(String eventId, Map<String, String> headers) implements Outcome {
  }

  /** 200: verified and understood, but it maps to no event. */
  record Ignored(String reason, Map<String, String> headers) implements Outcome {
  }
}
