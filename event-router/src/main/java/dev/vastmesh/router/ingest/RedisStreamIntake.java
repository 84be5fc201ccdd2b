package dev.vastmesh.router.ingest;

import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.EventStreams;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put(EventStreams.ID_FIELD, events.get(i).id());
      fields.put(EventStreams.TYPE_FIELD, events.get(i).type().wireName());
      fields.put(EventStreams.EVENT_FIELD, new String(jsons.get(i), StandardCharsets.UTF_8));
      redis.opsForStream().add(MapRecord.create(stream, fields));
    }
  }
}
