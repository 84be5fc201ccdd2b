package dev.vastmesh.support.security;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A service's answer to "may this request do what the handler requires?". */
@FunctionalInterface
public interface ScopeCheck {

  /**
   * Returns normally when allowed.
   *
   * @param authorization the request's {@code Authorization} header
   * @param pathVariables the matched path's variables (for {@link RequiresScope#owner()})
   * @throws AuthenticationException (401) or {@link AccessDeniedException} (403)
   */
  void check(@Nullable String authorization, RequiresScope required, Map<String, String> pathVariables);

  /** Every request must carry a configured token holding the scope, or {@code admin}. */
  static <S extends Enum<S>> ScopeCheck bearer(ServiceTokens<S> tokens, S admin) {
    return (authorization, required, pathVariables) -> {
      ServiceTokens.Holder<S> holder = tokens.authenticate(authorization, required.value());
      S scope = tokens.scope(required.value());
      if (!holder.scopes().contains(scope) && !holder.scopes().contains(admin)) {
        throw new AccessDeniedException("the token lacks the " + required.value() + " scope");
      }
    };
  }
}
