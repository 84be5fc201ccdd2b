package dev.vastmesh.router.ingest;

import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.EventStreams;
import java.util.List;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The Redis mode: append to the stream; delivery happens from the consumer group, ack after settling. */
public final class RedisStreamIntake implements EventIntake {

  private final StringRedisTemplate redis;
  private final String stream;

  public RedisStreamIntake(StringRedisTemplate redis, String stream) {
    this.redis = redis;
    this.stream = stream;
  }

  @Override
  public void accept(List<EventEnvelope> events, List<byte[]> jsons) {
    for (int i = 0; i < events.size(); i++) {
      redis.opsForStream().add(MapRecord.create(stream, EventStreams.fields(events.get(i), jsons.get(i))));
    }
  }
}
