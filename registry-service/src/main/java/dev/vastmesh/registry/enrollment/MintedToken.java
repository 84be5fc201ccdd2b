package dev.vastmesh.registry.enrollment;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What {@code POST /enrollment-tokens} answers: the token, shown once (the registry keeps only
 * its hash), and what it is bound to.
 */
public record MintedToken(String enrollmentToken, Instant expiresAt, @Nullable Long instanceId, @Nullable String label) {
}
