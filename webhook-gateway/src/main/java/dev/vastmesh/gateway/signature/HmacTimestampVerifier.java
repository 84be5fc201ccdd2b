package dev.vastmesh.gateway.signature;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The scheme for CI scripts, which one can produce with openssl:
 * {@code X-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>} and
 * {@code X-Timestamp: <unix seconds>}:
 *
 * <pre>
 * ts=$(date +%s); sig=$(printf '%s.%s' "$ts" "$body" | openssl dgst -sha256 -hmac "$SECRET" -r | cut -d' ' -f1)
 * curl -H "X-Timestamp: $ts" -H "X-Signature: sha256=$sig" -H 'Content-Type: application/json' -d "$body" ...
 * </pre>
 *
 * The message id is {@code X-Webhook-Id} when sent, else a digest of timestamp and body: an
 * identical resend is a replay; a deliberate resend is signed with a new timestamp.
 */
public final class HmacTimestampVerifier implements WebhookVerifier {

  public static final String SIGNATURE = "X-Signature";
  public static final String TIMESTAMP = "X-Timestamp";
  public static final String ID = "X-Webhook-Id";

  private final TimestampedHmac hmac;

  public HmacTimestampVerifier(List<String> secrets, Clock clock, Duration tolerance) {
    this.hmac = new TimestampedHmac(secrets, clock, tolerance);
  }

  @Override
  public Verification verify(WebhookHeaders headers, byte[] body) {
    String signature = headers.first(SIGNATURE);
    String timestamp = headers.first(TIMESTAMP);
    if (signature == null || timestamp == null) {
      return new Verification.Rejected(Verification.Reason.MISSING_HEADER);
    }
    byte[] given;
    try {
      if (!signature.startsWith("sha256=")) {
        return new Verification.Rejected(Verification.Reason.MALFORMED_HEADER);
      }
      given = HexFormat.of().parseHex(signature.substring(7).trim());
    } catch (IllegalArgumentException e) {
      return new Verification.Rejected(Verification.Reason.MALFORMED_HEADER);
    }
    if (!hmac.signed(timestamp, body, UnaryOperator.identity(), given)) {
      return new Verification.Rejected(Verification.Reason.BAD_SIGNATURE);
    }
    String id = headers.first(ID);
    return hmac.verified(id != null && !id.isBlank() ? id : digest(TimestampedHmac.prefix(timestamp), body), timestamp);
  }

  /** The {@code X-Signature} value for a message (tests, tools). */
  public static String sign(String secret, long timestamp, byte[] body) {
    return "sha256=" + TimestampedHmac.hex(secret, Long.toString(timestamp), body);
  }

  private static String digest(byte[] prefix, byte[] body) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(prefix);
      return "sha256:" + HexFormat.of().formatHex(sha256.digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
