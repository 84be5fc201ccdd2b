package dev.vastmesh.registry.security;

import java.util.Locale;
import java.util.Set;

/**
 * What a service token may do. {@code admin} implies every scope, {@code write} implies
 * {@code register}, {@code enroll} and {@code read}; {@code read}, {@code register} and
 * {@code enroll} imply nothing else. {@code enroll} mints one-time enrollment tokens: what CI
 * holds, so that a rented instance gets a token that registers it once, never a register token.
 */
public enum Scope {
  READ,
  REGISTER,
  ENROLL,
  WRITE,
  ADMIN;

  static Scope parse(String name) {
    return valueOf(name.trim().toUpperCase(Locale.ROOT));
  }

  /** Whether a token holding {@code granted} may act with this scope. */
  boolean grantedBy(Set<Scope> granted) {
    return granted.contains(this) || granted.contains(ADMIN)
        || granted.contains(WRITE) && (this == READ || this == REGISTER || this == ENROLL);
  }
}
