package dev.vastmesh.events.testing;

import dev.vastmesh.events.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The golden JSON of every event type, exactly as the canonical codec writes it. Other modules
 * use these to test that they accept, route and pass on real events byte for byte.
 */
public final class EventFixtures {

  private EventFixtures() {
  }

  /** The classpath location of {@code type}'s fixture. */
  public static String resource(EventType type) {
    return "fixtures/events/" + type.wireName() + ".json";
  }

  /** The golden bytes of {@code type}'s fixture. */
  public static byte[] bytes(EventType type) {
    try (InputStream in = EventFixtures.class.getClassLoader().getResourceAsStream(resource(type))) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + resource(type));
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
