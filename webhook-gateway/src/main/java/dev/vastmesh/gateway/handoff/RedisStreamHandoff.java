package dev.vastmesh.gateway.handoff;

import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.transport.RedisStreamSender;
import dev.vastmesh.transport.SendResult;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The Redis hand-off: event-transport's {@code XADD} to the stream the router consumes with a consumer group. */
public final class RedisStreamHandoff implements EventHandoff {

  private final RedisStreamSender sender;

  public RedisStreamHandoff(StringRedisTemplate redis, String stream) {
    this.sender = new RedisStreamSender((key, fields) -> redis.opsForStream().add(MapRecord.create(key, fields)) != null, stream);
  }

  @Override
  public void handOff(EventEnvelope event, byte[] json) throws HandoffException {
    SendResult result = sender.send(event, json);
    if (result != SendResult.DELIVERED) {
      throw Handoffs.failure(result);
    }
  }

  @Override
  public String mode() {
    return sender.mode();
  }
}
