package dev.vastmesh.router.ingest;

import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.transport.RedisStreamSender;
import java.util.List;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The Redis mode: append to the stream (event-transport's {@code XADD}, the one every producer
 * uses); delivery happens from the consumer group, ack after settling. Redis failures reach the
 * caller as the client's exceptions.
 */
public final class RedisStreamIntake implements EventIntake {

  private final RedisStreamSender stream;

  public RedisStreamIntake(StringRedisTemplate redis, String stream) {
    this.stream = new RedisStreamSender((key, fields) -> redis.opsForStream().add(MapRecord.create(key, fields)) != null, stream);
  }

  @Override
  public void accept(List<EventEnvelope> events, List<byte[]> jsons) {
    for (int i = 0; i < events.size(); i++) {
      stream.append(events.get(i), jsons.get(i));
    }
  }
}
