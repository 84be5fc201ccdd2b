package dev.vastmesh.gateway.signature;

import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The outcome of verifying a webhook: verified with its message id, or rejected with a reason. */
public sealed interface Verification {

  /**
   * @param messageId the sender's id of this message, the same across its retries (replay key)
   * @param timestamp the signed send time, for schemes that carry one
   */
  record Verified(String messageId, @Nullable Instant timestamp) implements Verification {
  }

  /** @param reason why, for metrics and logs; never shown in detail to the sender */
  record Rejected(Reason reason) implements Verification {
  }

  /** Why verification failed. */
  enum Reason {
    MISSING_HEADER,
    MALFORMED_HEADER,
    BAD_SIGNATURE,
    MALFORMED_TIMESTAMP,
    TIMESTAMP_TOO_OLD,
    TIMESTAMP_IN_FUTURE;

    /** The metric tag value, e.g. {@code bad_signature}. */
    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
