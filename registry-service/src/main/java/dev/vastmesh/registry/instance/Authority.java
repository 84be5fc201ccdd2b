package dev.vastmesh.registry.instance;

import dev.vastmesh.support.security.Tokens;
import org.jspecify.annotations.Nullable;

/**
 * On whose authority a write to one instance is made. A service token's scope covers every
 * instance; an instance token covers only the record that holds its hash. The store checks that
 * in the same atomic step as the write: checked before it, a record registered or replaced in
 * between would be changed on the word of a token it never issued.
 */
public sealed interface Authority {

  /** A service token whose scope was checked: any instance. */
  Authority SERVICE = new Service();

  record Service() implements Authority {
  }

  /** An instance token, by the SHA-256 of its value. */
  record InstanceToken(String tokenHash) implements Authority {
  }

  /** Whether this authority may write the stored entry (null: there is none). */
  default boolean mayWrite(@Nullable InstanceEntry stored) {
    return switch (this) {
      case Service service -> true;
      case InstanceToken token -> stored != null && Tokens.sameHash(stored.tokenHash(), token.tokenHash());
    };
  }
}
