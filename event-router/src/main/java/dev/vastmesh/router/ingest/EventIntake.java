package dev.vastmesh.router.ingest;

import dev.vastmesh.events.EventEnvelope;
import java.util.List;

/**
 * Takes validated, routable events. Returns once they are queued: in memory (embedded mode), or
 * appended to the Redis stream the routers consume (Redis mode: durable before the 202).
 */
public interface EventIntake {

  void accept(List<EventEnvelope> events, List<byte[]> jsons);
}
