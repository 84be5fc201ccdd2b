package dev.vastmesh.registry.enrollment;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A minted enrollment token, as stored: by the SHA-256 of its value, never the value.
 *
 * @param tokenHash the SHA-256 (hex) of the token
 * @param instanceId the only instance it may register; null for any
 * @param label the deploy label it was minted for (shown to operators, not checked)
 * @param issuer the name of the service token that minted it
 * @param expiresAt when it stops admitting a registration
 */
public record Enrollment(String tokenHash, @Nullable Long instanceId, @Nullable String label, String issuer,
    Instant issuedAt, Instant expiresAt) {

  /** Whether it admits a registration of {@code id}. */
  boolean admits(long id) {
    return instanceId == null || instanceId == id;
  }
}
