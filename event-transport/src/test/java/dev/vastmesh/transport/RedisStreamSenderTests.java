package dev.vastmesh.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastmesh.events.EventCodec;
import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.EventStreams;
import dev.vastmesh.events.EventType;
import dev.vastmesh.events.testing.SampleEvents;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stream entry layout and how the client's answers become results (the Redis itself is the service's). */
class RedisStreamSenderTests {

  private final EventEnvelope event = SampleEvents.of(EventType.MESH_REGISTERED);
  private final byte[] json = EventCodec.standard().serialize(event);

  @Test
  void appendsTheEventInTheStreamLayoutTheRouterReads() {
    List<Map<String, String>> appended = new ArrayList<>();
    RedisStreamSender sender = new RedisStreamSender((stream, fields) -> {
      assertThat(stream).isEqualTo("test:events");
      appended.add(fields);
      return true;
    }, "test:events");

    assertThat(sender.send(event, json)).isSameAs(SendResult.DELIVERED);

    assertThat(appended).containsExactly(Map.of(EventStreams.ID_FIELD, event.id(), EventStreams.TYPE_FIELD, event.type().wireName(),
        EventStreams.EVENT_FIELD, new String(json, StandardCharsets.UTF_8)));
    assertThat(sender.mode()).isEqualTo("redis");
  }

  @Test
  void noAcknowledgementOrAFailingClientIsRetryable() {
    RedisStreamSender unacknowledged = new RedisStreamSender((stream, fields) -> false, "s");
    IllegalStateException down = new IllegalStateException("connection refused");
    RedisStreamSender failing = new RedisStreamSender((stream, fields) -> {
      throw down;
    }, "s");

    assertThat(unacknowledged.send(event, json)).isEqualTo(new SendResult.Retryable("Redis did not acknowledge the append"));
    assertThat(failing.send(event, json)).isEqualTo(new SendResult.Retryable("Redis unavailable: IllegalStateException", null, down));
    assertThatThrownBy(() -> failing.append(event, json)).isSameAs(down);
  }
}
