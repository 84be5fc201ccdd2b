package dev.vastmesh.transport;

import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.EventStreams;
import java.util.Map;

/**
 * {@code XADD} of each event to the stream the routers consume with a consumer group, in
 * events-schema's {@link EventStreams} layout. The Redis client stays the service's: it passes
 * the one call that appends, so this library needs none.
 */
public final class RedisStreamSender implements EventSender {

  /** Appends one entry; answers whether Redis acknowledged it (it returned an entry id). */
  @FunctionalInterface
  public interface StreamAppend {
    boolean append(String stream, Map<String, String> fields);
  }

  private final StreamAppend redis;
  private final String stream;

  public RedisStreamSender(StreamAppend redis, String stream) {
    this.redis = redis;
    this.stream = stream;
  }

  /**
   * Appends, letting the client's exception through (for callers that map it themselves).
   *
   * @return whether Redis acknowledged the append
   */
  public boolean append(EventEnvelope event, byte[] json) {
    return redis.append(stream, EventStreams.fields(event, json));
  }

  @Override
  public SendResult send(EventEnvelope event, byte[] json) {
    try {
      return append(event, json) ? SendResult.DELIVERED : new SendResult.Retryable("Redis did not acknowledge the append");
    } catch (RuntimeException e) {
      return new SendResult.Retryable("Redis unavailable: " + e.getClass().getSimpleName(), null, e);
    }
  }

  public String stream() {
    return stream;
  }

  @Override
  public String mode() {
    return "redis";
  }
}
