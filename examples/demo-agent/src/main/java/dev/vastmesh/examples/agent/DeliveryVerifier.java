package dev.vastmesh.examples.agent;

import dev.vastmesh.events.StandardWebhooks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Checks a delivery the way the Standard Webhooks specification tells a receiver to: the
 * {@code webhook-timestamp} within the tolerance of now, and one of the space-separated
 * {@code v1,<base64>} signatures in {@code webhook-signature} equal (in constant time) to the
 * HMAC of {@code id.timestamp.body} under the agent's secret.
 */
final class DeliveryVerifier {

  /** Why a delivery was refused, or that it was not. */
  enum Verdict { VALID, MISSING_HEADERS, STALE_TIMESTAMP, BAD_SIGNATURE }

  private final StandardWebhooks signer;
  private final Clock clock;
  private final Duration tolerance;

  DeliveryVerifier(String secret, Clock clock, Duration tolerance) {
    this.signer = StandardWebhooks.forSecret(secret);
    this.clock = clock;
    this.tolerance = tolerance;
  }

  Verdict verify(@Nullable String id, @Nullable String timestamp, @Nullable String signatures, byte[] body) {
    if (id == null || timestamp == null || signatures == null) {
      return Verdict.MISSING_HEADERS;
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      return Verdict.STALE_TIMESTAMP;
    }
    if (Math.abs(clock.instant().getEpochSecond() - seconds) > tolerance.toSeconds()) {
      return Verdict.STALE_TIMESTAMP;
    }
    byte[] expected = signer.sign(id, seconds, body).getBytes(StandardCharsets.UTF_8);
    for (String candidate : signatures.strip().split(" +")) {
      if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.UTF_8))) {
        return Verdict.VALID;
      }
    }
    return Verdict.BAD_SIGNATURE;
  }
}
