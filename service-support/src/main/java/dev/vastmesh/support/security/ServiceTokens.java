package dev.vastmesh.support.security;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A service's configured bearer tokens, held by hash, each with its name and scopes. With none
 * configured, one token holding {@code adminScope} is generated and announced
 * ({@link GeneratedToken}).
 *
 * @param <S> the service's scopes
 */
public final class ServiceTokens<S extends Enum<S>> {

  /** Who holds a token: its configured name and what it may do. */
  public record Holder<S extends Enum<S>>(String name, Set<S> scopes) {
  }

  private final Class<S> scopeType;
  private final String realm;
  private final String property;
  private final Map<String, Holder<S>> byHash = new HashMap<>();

  /**
   * @param service the service's name, in the banner and the realm ({@code vastmesh-<service>})
   * @param property the property tokens are configured under, named by the banner
   * @param generatedPrefix the prefix of a generated token
   */
  public ServiceTokens(Class<S> scopeType, List<Token> tokens, String service, String property, String generatedPrefix,
      S adminScope) {
    this.scopeType = scopeType;
    this.realm = "vastmesh-" + service;
    this.property = property;
    for (Token token : tokens) {
      Set<S> scopes = EnumSet.noneOf(scopeType);
      token.scopes().forEach(scope -> scopes.add(scope(scope)));
      byHash.put(Tokens.sha256(token.value()), new Holder<>(token.name(), Set.copyOf(scopes)));
    }
    if (byHash.isEmpty()) {
      String generated = GeneratedToken.announce(service, property, generatedPrefix, GeneratedToken.defaultDirectory(), System.out);
      byHash.put(Tokens.sha256(generated), new Holder<>("generated-admin", Set.of(adminScope)));
    }
  }

  /** A scope by its configured (or annotated) name, in any case. */
  public S scope(String name) {
    return Enum.valueOf(scopeType, name.trim().toUpperCase(Locale.ROOT));
  }

  /** The realm of this service's {@code WWW-Authenticate} challenge. */
  public String realm() {
    return realm;
  }

  /**
   * The bearer token of an {@code Authorization} header; empty when there is none.
   *
   * @throws AuthenticationException when the header is not {@code Bearer <token>}
   */
  public Optional<String> bearer(@Nullable String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return Optional.empty();
    }
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.substring(7).isBlank()) {
      throw unauthenticated("the Authorization header must be 'Bearer <token>'");
    }
    return Optional.of(authorization.substring(7).trim());
  }

  /** Who holds this token; empty for a token that was never configured. */
  public Optional<Holder<S>> holder(String token) {
    // A map lookup by hash: the comparison is of hashes, which reveal nothing about the token.
    return Optional.ofNullable(byHash.get(Tokens.sha256(token)));
  }

  /**
   * The holder of the header's token, which must be valid.
   *
   * @throws AuthenticationException without a token, or with one that is not valid
   */
  public Holder<S> authenticate(@Nullable String authorization) {
    return authenticate(authorization, null);
  }

  /**
   * The holder of the header's token, which must be valid, for an operation that needs
   * {@code scope}: a refusal names the scope.
   *
   * @throws AuthenticationException without a token, or with one that is not valid
   */
  public Holder<S> authenticate(@Nullable String authorization, @Nullable String scope) {
    String token = bearer(authorization).orElseThrow(() -> unauthenticated("a bearer token is required", scope));
    return holder(token).orElseThrow(() -> unauthenticated("the bearer token is not valid", scope));
  }

  /** 401 whose detail is {@code reason} and where a token comes from. */
  public AuthenticationException unauthenticated(String reason) {
    return unauthenticated(reason, null);
  }

  /**
   * 401 whose detail is {@code reason}, the scope the operation needs (when given) and where a
   * token comes from — the configuration property, or the generated one — never a token itself.
   */
  public AuthenticationException unauthenticated(String reason, @Nullable String scope) {
    String needed = scope == null ? "" : "; this operation needs a token with the " + scope.toLowerCase(Locale.ROOT) + " scope";
    return new AuthenticationException(realm, reason + needed + ". Tokens are configured under " + property
        + "; with none configured, the service generates an admin token when it starts and prints the path"
        + " of the file it is in (./vastmesh shows its tokens with its banner)");
  }
}
