package dev.vastmesh.gateway.signature;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Standard Webhooks (v1.0.0), which GitLab's signing tokens use too: headers {@code webhook-id},
 * {@code webhook-timestamp}, {@code webhook-signature}; HMAC-SHA256 over
 * {@code id.timestamp.body} with the base64-decoded {@code whsec_} secret; any matching
 * {@code v1,} entry of the space-separated list passes (other versions are ignored, never
 * matched); the timestamp must be within ±tolerance.
 */
public final class StandardWebhooksVerifier implements WebhookVerifier {

  public static final String ID = "webhook-id";
  public static final String TIMESTAMP = "webhook-timestamp";
  public static final String SIGNATURE = "webhook-signature";
  private static final String PREFIX = "whsec_";

  private final List<Hmac> keys;
  private final Clock clock;
  private final Duration tolerance;

  /** @param secrets {@code whsec_...} secrets, all accepted (rotation) */
  public StandardWebhooksVerifier(List<String> secrets, Clock clock, Duration tolerance) {
    this.keys = secrets.stream().map(StandardWebhooksVerifier::decodeSecret).map(Hmac::new).toList();
    this.clock = clock;
    this.tolerance = tolerance;
  }

  /** The HMAC key of a {@code whsec_} secret; unpadded base64 is accepted. */
  public static byte[] decodeSecret(String secret) {
    String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
    if (encoded.isBlank()) {
      throw new IllegalArgumentException("a Standard Webhooks secret must be whsec_ followed by base64; it is empty");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(encoded.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a Standard Webhooks secret must be whsec_ followed by base64; it is not base64");
    }
    if (key.length < 24 || key.length > 64) {
      throw new IllegalArgumentException("a Standard Webhooks secret must decode to 24-64 bytes; it has " + key.length);
    }
    return key;
  }

  @Override
  public Verification verify(WebhookHeaders headers, byte[] body) {
    String id = headers.first(ID);
    String timestamp = headers.first(TIMESTAMP);
    String signatures = headers.first(SIGNATURE);
    if (id == null || timestamp == null || signatures == null || id.isBlank()) {
      return new Verification.Rejected(Verification.Reason.MISSING_HEADER);
    }
    if (!matches(id, timestamp, signatures, body)) {
      return new Verification.Rejected(Verification.Reason.BAD_SIGNATURE);
    }
    Instant sent = Timestamps.parse(timestamp);
    if (sent == null) {
      return new Verification.Rejected(Verification.Reason.MALFORMED_TIMESTAMP);
    }
    Verification.Rejected outside = Timestamps.check(sent, clock, tolerance);
    return outside != null ? outside : new Verification.Verified(id, sent);
  }

  private boolean matches(String id, String timestamp, String signatures, byte[] body) {
    List<byte[]> given = v1Signatures(signatures);
    if (given.isEmpty()) {
      return false;
    }
    byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
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

  /**
   * The decoded {@code v1,} entries of a space-separated signature header, read once for all
   * keys; other versions and undecodable entries are skipped (no regex: this runs on every webhook).
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

  /** The {@code webhook-signature} value for a message, as a sender computes it (tests, tools). */
  public static String sign(String secret, String id, long timestamp, byte[] body) {
    byte[] mac = Hmac.sha256(decodeSecret(secret), (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
    return "v1," + Base64.getEncoder().encodeToString(mac);
  }
}
