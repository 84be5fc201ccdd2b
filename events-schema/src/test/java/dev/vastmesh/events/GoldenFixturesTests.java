package dev.vastmesh.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.events.testing.EventFixtures;
import dev.vastmesh.events.testing.SampleEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The golden files pin the wire format: any change to field names, order, number or time
 * formatting, or Jackson defaults shows up here as a byte difference.
 *
 * <p>After an intended change, regenerate with
 * {@code ./mvnw -pl events-schema test -Dtest=GoldenFixturesTests -Dvastmesh.fixtures.write=true}
 * and review the diff.
 */
class GoldenFixturesTests {

  private final EventCodec codec = EventCodec.standard();

  @ParameterizedTest
  @EnumSource(EventType.class)
  void sampleEventSerialisesToItsGoldenFile(EventType type) throws IOException {
    byte[] written = codec.serialize(SampleEvents.of(type));
    if (Boolean.getBoolean("vastmesh.fixtures.write")) {
      Path file = Path.of("src/test/resources", EventFixtures.resource(type));
      Files.createDirectories(file.getParent());
      Files.write(file, written);
    }
    assertThat(new String(written, StandardCharsets.UTF_8))
        .isEqualTo(new String(EventFixtures.bytes(type), StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void fixtureRoundTripsByteForByte(EventType type) {
    byte[] golden = EventFixtures.bytes(type);

    EventEnvelope parsed = codec.parse(golden);

    assertThat(parsed.type()).isEqualTo(type);
    assertThat(codec.serialize(parsed)).isEqualTo(golden);
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void fixtureParsesToTheSampleEvent(EventType type) {
    assertThat(codec.parse(EventFixtures.bytes(type))).isEqualTo(SampleEvents.of(type));
  }
}
