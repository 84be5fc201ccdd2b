package dev.vastmesh.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Time-sortable event ids: UUID version 7 (RFC 9562) with a 48-bit Unix-millisecond timestamp
 * taken from an injected {@link Clock}.
 *
 * <p>Ids made by one generator are strictly increasing, also within one millisecond and when
 * the clock steps back: the 12-bit {@code rand_a} field is used as a counter (RFC 9562 method 1),
 * and on overflow or a backwards clock the timestamp is advanced past the last one used. So
 * sorting ids sorts events by creation order per producer.
 */
public final class EventIds implements Supplier<String> {

  private static final long MAX_COUNTER = 0xFFF;
  /** The namespace of vastmesh's name-based ids (a fixed, random UUID). */
  public static final UUID NAMESPACE = UUID.fromString("3f6c2a4e-9b1d-4d8e-a5f7-0c2b8e91d4a6");

  private final Clock clock;
  private long lastMillis = -1;
  private long counter;

  private EventIds(Clock clock) {
    this.clock = clock;
  }

  /** A generator reading time from {@code clock}. */
  public static EventIds uuidV7(Clock clock) {
    return new EventIds(clock);
  }

  @Override
  public String get() {
    return next().toString();
  }

  /** The next id as a {@link UUID}. */
  public synchronized UUID next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long now = clock.millis();
    if (now > lastMillis) {
      lastMillis = now;
      // Start low in the 12-bit space so a burst within one millisecond rarely overflows.
      counter = random.nextLong(MAX_COUNTER / 2);
    } else if (counter < MAX_COUNTER) {
      counter++;
    } else {
      lastMillis++;
      counter = 0;
    }
    long msb = (lastMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | counter;
    long lsb = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb);
  }

  /**
   * A name-based (version 5, SHA-1) id: the same name always gives the same id. Ingress uses it
   * so that a redelivered message (same source, same message id) becomes the same event.
   */
  public static UUID nameBased(String name) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(toBytes(NAMESPACE));
      byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
      hash[6] = (byte) (hash[6] & 0x0F | 0x50);
      hash[8] = (byte) (hash[8] & 0x3F | 0x80);
      return new UUID(ByteBuffer.wrap(hash, 0, 8).getLong(), ByteBuffer.wrap(hash, 8, 8).getLong());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JVM", e);
    }
  }

  private static byte[] toBytes(UUID id) {
    return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
  }

  /** The creation time (Unix milliseconds) encoded in a version 7 id. */
  public static long timestampMillis(UUID id) {
    if (id.version() != 7) {
      throw new IllegalArgumentException("not a UUIDv7: " + id);
    }
    return id.getMostSignificantBits() >>> 16;
  }
}
