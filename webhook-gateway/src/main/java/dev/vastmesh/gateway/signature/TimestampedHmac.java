package dev.vastmesh.gateway.signature;

import dev.vastmesh.events.Hmac;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What the schemes that sign {@code HMAC-SHA256(secret, timestamp + "." + raw body)} share (Vast's
 * and the CI scripts'): the secrets, used as their UTF-8 bytes and all accepted (rotation), and the
 * timestamp window the signed time must fall in.
 */
final class TimestampedHmac {

  private final List<Hmac> secrets;
  private final Clock clock;
  private final Duration tolerance;

  TimestampedHmac(List<String> secrets, Clock clock, Duration tolerance) {
    this.secrets = Hmac.utf8Keys(secrets);
    this.clock = clock;
    this.tolerance = tolerance;
  }

  /**
   * Whether one secret signed the message: its MAC, as {@code encode} renders it for the header,
   * equals {@code given}. Every secret is tried and compared in constant time, so the answer's
   * timing says nothing of which one matched or how much of the signature did.
   */
  boolean signed(String timestamp, byte[] body, UnaryOperator<byte[]> encode, byte[] given) {
    byte[] prefix = prefix(timestamp);
    boolean match = false;
    for (Hmac secret : secrets) {
      match |= Hmac.equal(encode.apply(secret.of(prefix, body)), given);
    }
    return match;
  }

  /** Verified as {@code messageId} when the timestamp is well-formed and inside the window. */
  Verification verified(String messageId, String timestamp) {
    return Timestamps.verified(messageId, timestamp, clock, tolerance);
  }

  /** What comes before the body in the signed bytes. */
  static byte[] prefix(String timestamp) {
    return (timestamp + ".").getBytes(StandardCharsets.UTF_8);
  }

  /** The lowercase hex MAC of a message under one secret (for the schemes' {@code sign}). */
  static String hex(String secret, String timestamp, byte[] body) {
    return HexFormat.of().formatHex(Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), prefix(timestamp), body));
  }
}
