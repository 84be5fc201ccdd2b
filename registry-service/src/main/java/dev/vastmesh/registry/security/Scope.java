package dev.vastmesh.registry.security;

import java.util.Locale;
import java.util.Set;

/**
 * What a service token may do. {@code admin} implies every scope, {@code write} implies
 * {@code register} and {@code read}; {@code read} and {@code register} imply nothing else.
 */
public enum Scope {
  READ,
  REGISTER,
  WRITE,
  ADMIN;

  static Scope parse(String name) {
    return valueOf(name.trim().toUpperCase(Locale.ROOT));
  }

  /** Whether a token holding {@code granted} may act with this scope. */
  boolean grantedBy(Set<Scope> granted) {
    return granted.contains(this) || granted.contains(ADMIN)
        || granted.contains(WRITE) && (this == READ || this == REGISTER);
  }
}
