package dev.vastmesh.router.ingest;

import java.util.List;
import java.util.Map;

/** How a request to take events ended. A batch is all or nothing: only {@link Accepted} took any. */
public sealed interface Ingestion {

  /** Every event was valid and routable, and is queued. */
  record Accepted(List<String> eventIds) implements Ingestion {
  }

  /** The body is not JSON, or an empty batch. */
  record Malformed(String detail) implements Ingestion {
  }

  /** Some events are invalid: every violation, with the index of its event in the batch. */
  record Invalid(List<Map<String, Object>> errors) implements Ingestion {
  }

  /** No agent is routed for these types. */
  record Unroutable(List<String> types) implements Ingestion {
  }

  /** The queue (Redis) could not take them. */
  record Unavailable() implements Ingestion {
  }
}
