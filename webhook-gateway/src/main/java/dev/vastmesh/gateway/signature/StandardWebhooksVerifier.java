package dev.vastmesh.gateway.signature;

import dev.vastmesh.events.StandardWebhooks;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Standard Webhooks (v1.0.0), which GitLab's signing tokens use too, verified by events-schema's
 * {@link StandardWebhooks} (the same secret rules and signatures as every vastmesh sender); the
 * timestamp must be within ±tolerance.
 */
public final class StandardWebhooksVerifier implements WebhookVerifier {

  public static final String ID = StandardWebhooks.ID;
  public static final String TIMESTAMP = StandardWebhooks.TIMESTAMP;
  public static final String SIGNATURE = StandardWebhooks.SIGNATURE;

  private final StandardWebhooks keys;
  private final Clock clock;
  private final Duration tolerance;

  /** @param secrets Standard Webhooks secrets, all accepted (rotation) */
  public StandardWebhooksVerifier(List<String> secrets, Clock clock, Duration tolerance) {
    this.keys = StandardWebhooks.forSecrets(secrets);
    this.clock = clock;
    this.tolerance = tolerance;
  }

  @Override
  public Verification verify(WebhookHeaders headers, byte[] body) {
    String id = headers.first(ID);
    String timestamp = headers.first(TIMESTAMP);
    String signatures = headers.first(SIGNATURE);
    StandardWebhooks.Check check = keys.verify(id, timestamp, signatures, body, clock, tolerance);
    // The headers are present whenever the check got past them.
    return check == StandardWebhooks.Check.MISSING_HEADER
        ? new Verification.Rejected(Verification.Reason.MISSING_HEADER)
        : Timestamps.outcome(check, Objects.requireNonNull(id), Objects.requireNonNull(timestamp));
  }
}
