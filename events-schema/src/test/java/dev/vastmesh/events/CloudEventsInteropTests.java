package dev.vastmesh.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.events.testing.EventFixtures;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import java.net.URI;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every golden event reads with the official CloudEvents Java SDK to the same attributes and data. */
class CloudEventsInteropTests {

  private final EventFormat format = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
  private final EventCodec codec = EventCodec.standard();

  @ParameterizedTest
  @EnumSource(EventType.class)
  void officialSdkReadsTheSameEvent(EventType type) {
    byte[] json = EventFixtures.bytes(type);
    EventEnvelope ours = codec.parse(json);

    CloudEvent theirs = format.deserialize(json);

    assertThat(theirs.getSpecVersion()).isEqualTo(SpecVersion.V1);
    assertThat(theirs.getId()).isEqualTo(ours.id());
    assertThat(theirs.getSource()).isEqualTo(URI.create(ours.source()));
    assertThat(theirs.getType()).isEqualTo(type.wireName());
    assertThat(theirs.getTime().toInstant()).isEqualTo(ours.time());
    assertThat(theirs.getSubject()).isEqualTo(ours.subject());
    assertThat(theirs.getDataContentType()).isEqualTo(EventEnvelope.DATA_CONTENT_TYPE);
    assertThat(theirs.getExtension("triggerid")).isEqualTo(ours.triggerId());
    assertThat(theirs.getExtension("idempotencykey")).isEqualTo(ours.idempotencyKey());
    assertThat(theirs.getExtension("environment")).isEqualTo(ours.environment());
    assertThat(theirs.getExtensionNames()).containsExactlyInAnyOrder("triggerid", "idempotencykey", "environment");
    // The SDK re-serialises data with its own Jackson (decimals as doubles: 50.00 -> 50.0),
    // so numbers are compared by value and everything else exactly.
    JsonNode theirData = codec.readTree(theirs.getData().toBytes());
    JsonNode ourData = codec.toTree(ours).get("data");
    assertThat(theirData.equals(CloudEventsInteropTests::sameValue, ourData))
        .as("SDK data %s vs ours %s", theirData, ourData).isTrue();
  }

  private static int sameValue(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    return a.equals(b) ? 0 : 1;
  }
}
