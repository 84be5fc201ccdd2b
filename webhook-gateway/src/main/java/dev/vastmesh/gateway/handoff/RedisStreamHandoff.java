package dev.vastmesh.gateway.handoff;

import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.EventStreams;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The Redis hand-off: {@code XADD} to the stream the router consumes with a consumer group. */
public final class RedisStreamHandoff implements EventHandoff {

  private final StringRedisTemplate redis;
  private final String stream;

  public RedisStreamHandoff(StringRedisTemplate redis, String stream) {
    this.redis = redis;
    this.stream = stream;
  }

  @Override
  public void handOff(EventEnvelope event, byte[] json) throws HandoffException {
    try {
      RecordId id = redis.opsForStream().add(MapRecord.create(stream, EventStreams.fields(event, json)));
      if (id == null) {
        throw new HandoffException("Redis did not acknowledge the append");
      }
    } catch (DataAccessException e) {
      throw new HandoffException("Redis unavailable: " + e.getClass().getSimpleName(), e);
    }
  }

  @Override
  public String mode() {
    return "redis";
  }
}
