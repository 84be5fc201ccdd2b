package dev.vastmesh.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The published JSON Schema (draft 2020-12) of the canonical event, shipped in this jar, for
 * producers in other languages and for tooling. It covers the envelope and, per type, the payload.
 */
public final class EventSchema {

  /** The classpath location of the schema. */
  public static final String RESOURCE = "dev/vastmesh/events/schema/vastai-events.schema.json";

  /** The schema's {@code $id}. */
  public static final String ID = "https://vastmesh.dev/schemas/events/vastai-events.schema.json";

  private EventSchema() {
  }

  /** The schema document as shipped. */
  public static String json() {
    try (InputStream in = EventSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("schema resource missing from the classpath: " + RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
