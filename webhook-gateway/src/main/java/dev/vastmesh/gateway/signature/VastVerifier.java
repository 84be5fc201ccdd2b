package dev.vastmesh.gateway.signature;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Vast.ai's own notification webhooks: {@code X-Vast-Signature-256: sha256=<lowercase hex
 * HMAC-SHA256(secret, X-Vast-Timestamp + "." + raw body)>}, the secret used as its UTF-8 bytes,
 * {@code X-Vast-Timestamp} in Unix seconds, {@code X-Vast-Event-Id} the same on every retry.
 *
 * <p>The message id is the event id alone: a retry carries a higher
 * {@code X-Vast-Delivery-Attempt} (and may be signed anew), and it is the same message. The
 * whole header is compared with the expected one in constant time, as Vast's own receivers do,
 * so an upper-case digest does not verify.
 */
public final class VastVerifier implements WebhookVerifier {

  public static final String SIGNATURE = "X-Vast-Signature-256";
  public static final String TIMESTAMP = "X-Vast-Timestamp";
  public static final String EVENT_ID = "X-Vast-Event-Id";
  public static final String ATTEMPT = "X-Vast-Delivery-Attempt";

  private static final String PREFIX = "sha256=";
  private static final int HEX_LENGTH = 64;
  // Vast's ids are 32 hex characters; anything much longer is not one, and ids become cache keys.
  private static final int MAX_EVENT_ID = 128;

  private final TimestampedHmac hmac;

  public VastVerifier(List<String> secrets, Clock clock, Duration tolerance) {
    this.hmac = new TimestampedHmac(secrets, clock, tolerance);
  }

  @Override
  public Verification verify(WebhookHeaders headers, byte[] body) {
    String signature = headers.first(SIGNATURE);
    String timestamp = headers.first(TIMESTAMP);
    String eventId = headers.first(EVENT_ID);
    if (signature == null || timestamp == null || eventId == null || signature.isEmpty() || timestamp.isEmpty() || eventId.isBlank()) {
      return new Verification.Rejected(Verification.Reason.MISSING_HEADER);
    }
    if (!wellFormed(signature) || !printable(eventId) || !validAttempt(headers.first(ATTEMPT))) {
      return new Verification.Rejected(Verification.Reason.MALFORMED_HEADER);
    }
    byte[] given = signature.getBytes(StandardCharsets.US_ASCII);
    return hmac.signed(timestamp, body, VastVerifier::header, given) ? hmac.verified(eventId, timestamp)
        : new Verification.Rejected(Verification.Reason.BAD_SIGNATURE);
  }

  /** {@code sha256=} and 64 hex digits: anything else cannot be a Vast signature. */
  private static boolean wellFormed(String signature) {
    if (!signature.startsWith(PREFIX) || signature.length() != PREFIX.length() + HEX_LENGTH) {
      return false;
    }
    for (int i = PREFIX.length(); i < signature.length(); i++) {
      if (Character.digit(signature.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean printable(String id) {
    if (id.length() > MAX_EVENT_ID) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      if (id.charAt(i) <= ' ' || id.charAt(i) > '~') {
        return false;
      }
    }
    return true;
  }

  /** The attempt number is not signed, but when sent it must be one: 1, 2, ... */
  private static boolean validAttempt(@Nullable String attempt) {
    if (attempt == null) {
      return true;
    }
    if (attempt.isEmpty() || attempt.length() > 9 || attempt.charAt(0) == '0') {
      return false;
    }
    for (int i = 0; i < attempt.length(); i++) {
      if (attempt.charAt(i) < '0' || attempt.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static byte[] header(byte[] mac) {
    return (PREFIX + HexFormat.of().formatHex(mac)).getBytes(StandardCharsets.US_ASCII);
  }

  /** The {@code X-Vast-Signature-256} value for a message, as Vast computes it (tests, tools). */
  public static String sign(String secret, String timestamp, byte[] body) {
    return PREFIX + TimestampedHmac.hex(secret, timestamp, body);
  }
}
