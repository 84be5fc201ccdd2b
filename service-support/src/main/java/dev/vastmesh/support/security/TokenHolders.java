package dev.vastmesh.support.security;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Who holds a request's bearer token, if it is one of the service's: the caller the actuator
 * treats as authorised, so that health details (store addresses, disk paths) are shown to token
 * holders only and anonymous probes see the status alone.
 */
@FunctionalInterface
public interface TokenHolders {

  /** The holder's name; empty without a token or with one that is not valid (never an error). */
  Optional<String> holder(@Nullable String authorization);

  /** The holders of a service's configured (or generated) tokens. */
  static <S extends Enum<S>> TokenHolders of(ServiceTokens<S> tokens) {
    return authorization -> {
      try {
        return tokens.bearer(authorization).flatMap(tokens::holder).map(ServiceTokens.Holder::name);
      } catch (AuthenticationException notABearer) {
        return Optional.empty();
      }
    };
  }
}
