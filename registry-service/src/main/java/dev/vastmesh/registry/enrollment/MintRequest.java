package dev.vastmesh.registry.enrollment;

import dev.vastmesh.registry.registration.Patterns;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * What {@code POST /enrollment-tokens} takes; every field optional.
 *
 * @param ttlSeconds how long the token admits a registration (the configured default when absent)
 * @param instanceId the only instance it may register (any when absent)
 * @param label the deploy label it is for, e.g. {@code vastmesh-deploy:<pipeline>}: recorded, not checked
 */
public record MintRequest(
    @Positive @Nullable Long ttlSeconds,
    @Positive @Nullable Long instanceId,
    @Size(max = 256) @Pattern(regexp = Patterns.PRINTABLE, message = Patterns.PRINTABLE_MESSAGE) @Nullable String label) {

  public static MintRequest empty() {
    return new MintRequest(null, null, null);
  }
}
