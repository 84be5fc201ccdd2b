package dev.vastmesh.events;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Standard Webhooks (v1.0.0) for every vastmesh sender and receiver: headers {@code webhook-id},
 * {@code webhook-timestamp} and {@code webhook-signature: v1,<base64 HMAC-SHA256(key, id + "." +
 * timestamp + "." + body)>}, space-separated entries of which any matching {@code v1,} one passes
 * (other versions are ignored, never matched), the timestamp within ±tolerance of now.
 *
 * <p>Secrets are read by one rule on both sides, so whatever a receiver accepts its senders accept
 * too: base64 of 24–64 bytes, padded or not, with or without the {@code whsec_} prefix the
 * specification writes ({@link #decodeSecret}). Signing and verifying run on a keyed prototype
 * {@link Hmac} that each message clones; one instance is safe for concurrent use.
 */
public final class StandardWebhooks {

  public static final String ID = "webhook-id";
  public static final String TIMESTAMP = "webhook-timestamp";
  public static final String SIGNATURE = "webhook-signature";
  /** The window every reference library uses: too old and too far ahead both fail. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
  private static final String PREFIX = "whsec_";
  private static final int GENERATED_KEY_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The outcome of checking a message, in the order the checks run. */
  public enum Check {
    VALID,
    MISSING_HEADER,
    BAD_SIGNATURE,
    MALFORMED_TIMESTAMP,
    TIMESTAMP_TOO_OLD,
    TIMESTAMP_IN_FUTURE
  }

  private final List<Hmac> keys;

  private StandardWebhooks(List<Hmac> keys) {
    this.keys = keys;
  }

  /**
   * Signs and verifies with one secret.
   *
   * @throws IllegalArgumentException when the secret is unusable ({@link #decodeSecret}); the
   *     message never contains the secret
   */
  public static StandardWebhooks forSecret(String secret) {
    return forSecrets(List.of(secret));
  }

  /**
   * Verifies against every secret (rotation without downtime) and signs with the first.
   *
   * @throws IllegalArgumentException when there is none or one is unusable
   */
  public static StandardWebhooks forSecrets(List<String> secrets) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("a Standard Webhooks signer needs at least one secret");
    }
    return new StandardWebhooks(secrets.stream().map(StandardWebhooks::decodeSecret).map(Hmac::new).toList());
  }

  /**
   * The HMAC key of a secret: {@code whsec_} (optional) followed by base64 (padding optional) of
   * 24–64 bytes.
   *
   * @throws IllegalArgumentException otherwise; the message never contains the secret
   */
  public static byte[] decodeSecret(@Nullable String secret) {
    if (secret == null) {
      throw new IllegalArgumentException("a Standard Webhooks secret must be whsec_ followed by base64; it is empty");
    }
    String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
    if (encoded.isBlank()) {
      throw new IllegalArgumentException("a Standard Webhooks secret must be whsec_ followed by base64; it is empty");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(encoded.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a Standard Webhooks secret must be whsec_ followed by base64; it is not base64");
    }
    if (key.length < 24 || key.length > 64) {
      throw new IllegalArgumentException("a Standard Webhooks secret must decode to 24-64 bytes; it has " + key.length);
    }
    return key;
  }

  /** A fresh {@code whsec_} secret of 32 random bytes. */
  public static String generateSecret() {
    byte[] key = new byte[GENERATED_KEY_BYTES];
    RANDOM.nextBytes(key);
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /** The {@code webhook-signature} value for a message, under the first secret. */
  public String sign(String id, long timestamp, byte[] body) {
    byte[] mac = keys.getFirst().of(signedPrefix(id, Long.toString(timestamp)), body);
    return "v1," + Base64.getEncoder().encodeToString(mac);
  }

  /** The three headers a sender puts on a message: id, timestamp and its signature. */
  public Map<String, String> headers(String id, long timestamp, byte[] body) {
    return Map.of(ID, id, TIMESTAMP, Long.toString(timestamp), SIGNATURE, sign(id, timestamp, body));
  }

  /**
   * Checks a received message completely: the three headers present (a blank id counts as
   * missing), one signature matching, then the timestamp inside {@code now ± tolerance}
   * (edges included).
   */
  public Check verify(@Nullable String id, @Nullable String timestamp, @Nullable String signatures, byte[] body,
      Clock clock, Duration tolerance) {
    if (id == null || timestamp == null || signatures == null || id.isBlank()) {
      return Check.MISSING_HEADER;
    }
    if (!signatureMatches(id, timestamp, signatures, body)) {
      return Check.BAD_SIGNATURE;
    }
    return checkTimestamp(timestamp, clock, tolerance);
  }

  /**
   * Whether one {@code v1,} entry of the space-separated header is the HMAC of the message under
   * one of the secrets, compared in constant time on decoded bytes. The timestamp is the header's
   * text as signed.
   */
  public boolean signatureMatches(String id, String timestamp, String signatures, byte[] body) {
    List<byte[]> given = v1Signatures(signatures);
    if (given.isEmpty()) {
      return false;
    }
    byte[] prefix = signedPrefix(id, timestamp);
    for (Hmac key : keys) {
      byte[] expected = key.of(prefix, body);
      for (byte[] signature : given) {
        if (Hmac.equal(expected, signature)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether a timestamp header is well-formed and inside {@code now ± tolerance}. */
  public static Check checkTimestamp(String timestamp, Clock clock, Duration tolerance) {
    Instant sent = parseTimestamp(timestamp);
    if (sent == null) {
      return Check.MALFORMED_TIMESTAMP;
    }
    Instant now = clock.instant();
    if (sent.isBefore(now.minus(tolerance))) {
      return Check.TIMESTAMP_TOO_OLD;
    }
    if (sent.isAfter(now.plus(tolerance))) {
      return Check.TIMESTAMP_IN_FUTURE;
    }
    return Check.VALID;
  }

  /** Unix seconds written as digits only (no sign, fraction or spaces), or null. */
  public static @Nullable Instant parseTimestamp(String text) {
    if (text.isEmpty() || text.length() > 12) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return null;
      }
    }
    return Instant.ofEpochSecond(Long.parseLong(text));
  }

  private static byte[] signedPrefix(String id, String timestamp) {
    return (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The decoded {@code v1,} entries of a space-separated signature header, read once for all
   * keys; other versions and undecodable entries are skipped (no regex: this runs on every message).
   */
  private static List<byte[]> v1Signatures(String header) {
    List<byte[]> signatures = new ArrayList<>(2);
    int start = 0;
    int length = header.length();
    while (start < length) {
      int end = header.indexOf(' ', start);
      if (end < 0) {
        end = length;
      }
      if (header.startsWith("v1,", start) && end > start + 3) {
        try {
          signatures.add(Base64.getDecoder().decode(header.substring(start + 3, end)));
        } catch (IllegalArgumentException e) {
          // Not base64: this entry cannot match; another may.
        }
      }
      start = end + 1;
    }
    return signatures;
  }

  @Override
  public String toString() {
    return "StandardWebhooks[keys=<redacted>]";
  }
}
