package dev.vastmesh.gateway.mapping;

import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.Violation;
import java.util.List;

/** What a verified payload becomes. */
public sealed interface Mapping {

  /**
   * A canonical event to hand off.
   *
   * @param asSent the payload itself is this event (a CloudEvent, validated and bound), rather
   *     than an event built from it; its verified bytes may then travel to the router unchanged
   */
  record Event(EventEnvelope event, boolean asSent) implements Mapping {
  }

  /** A payload the gateway understands but that has no event (e.g. a pipeline still pending). */
  record Ignored(String reason) implements Mapping {
  }

  /** A payload that claims to be a canonical event but is not a valid one. */
  record Invalid(List<Violation> violations) implements Mapping {
  }
}
