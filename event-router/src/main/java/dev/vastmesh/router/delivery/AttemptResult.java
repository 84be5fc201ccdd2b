package dev.vastmesh.router.delivery;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What one POST to an agent came to.
 *
 * @param status the HTTP status, or null when there was no answer (connection failure, timeout)
 * @param retryAfter the agent's Retry-After, when it sent one
 */
record AttemptResult(@Nullable Integer status, @Nullable String error, @Nullable Duration retryAfter) {

  boolean delivered() {
    return status != null && status / 100 == 2;
  }

  /** 4xx other than 408 and 429 is the agent's final word: retrying the same event cannot help. */
  boolean finalFailure() {
    return status != null && status / 100 == 4 && status != 408 && status != 429;
  }

  String describe() {
    return status != null ? "HTTP " + status : String.valueOf(error);
  }
}
