package dev.vastmesh.router.ingest;

import dev.vastmesh.support.problem.FieldViolation;
import java.util.List;

/** How a request to take events ended. A batch is all or nothing: only {@link Accepted} took any. */
public sealed interface Ingestion {

  /** Every event was valid and routable, and is queued. */
  record Accepted(List<String> eventIds) implements Ingestion {
  }

  /** The body is not JSON, or an empty batch. */
  record Malformed(String detail) implements Ingestion {
  }

  /** Some events are invalid: every violation, its pointer into the body (a batch's starts with the index). */
  record Invalid(List<FieldViolation> errors) implements Ingestion {
  }

  /** No agent is routed for these types. */
  record Unroutable(List<String> types) implements Ingestion {
  }

  /** The queue (Redis) could not take them. */
  record Unavailable() implements Ingestion {
  }
}
