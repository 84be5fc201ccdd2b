package dev.vastmesh.examples.agent;

import dev.vastmesh.events.StandardWebhooks;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Checks a delivery the way the Standard Webhooks specification tells a receiver to, with
 * events-schema's {@link StandardWebhooks} (the rules the router signs by): one of the
 * space-separated {@code v1,<base64>} signatures in {@code webhook-signature} equal (in constant
 * time) to the HMAC of {@code id.timestamp.body} under the agent's secret, and the
 * {@code webhook-timestamp} within the tolerance of now.
 */
final class DeliveryVerifier {

  /** Why a delivery was refused, or that it was not. */
  enum Verdict { VALID, MISSING_HEADERS, STALE_TIMESTAMP, BAD_SIGNATURE }

  private final StandardWebhooks webhooks;
  private final Clock clock;
  private final Duration tolerance;

  DeliveryVerifier(String secret, Clock clock, Duration tolerance) {
    this.webhooks = StandardWebhooks.forSecret(secret);
    this.clock = clock;
    this.tolerance = tolerance;
  }

  Verdict verify(@Nullable String id, @Nullable String timestamp, @Nullable String signatures, byte[] body) {
    return switch (webhooks.verify(id, timestamp, signatures, body, clock, tolerance)) {
      case VALID -> Verdict.VALID;
      case MISSING_HEADER -> Verdict.MISSING_HEADERS;
      case BAD_SIGNATURE -> Verdict.BAD_SIGNATURE;
      case MALFORMED_TIMESTAMP, TIMESTAMP_TOO_OLD, TIMESTAMP_IN_FUTURE -> Verdict.STALE_TIMESTAMP;
    };
  }
}
