package dev.vastmesh.router.security;

import dev.vastmesh.router.config.RouterProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Service tokens: {@code ingest} may post events, {@code admin} may also read routes and manage
 * dead letters. Tokens are held as SHA-256 hashes; with none configured, one admin token is
 * generated and printed once on standard output (never logged).
 */
@Component
public class Callers {

  public enum Scope { INGEST, ADMIN }

  /** 401 or 403, with a message safe to show. */
  public static final class Denied extends RuntimeException {
    private final boolean authenticated;

    Denied(boolean authenticated, String message) {
      super(message, null, false, false);
      this.authenticated = authenticated;
    }

    public boolean authenticated() {
      return authenticated;
    }
  }

  private final Map<String, Set<Scope>> scopesByHash = new HashMap<>();

  Callers(RouterProperties properties) {
    for (RouterProperties.Token token : properties.tokens()) {
      scopesByHash.put(sha256(token.value()), token.scopes().stream()
          .map(s -> Scope.valueOf(s.trim().toUpperCase(Locale.ROOT))).collect(Collectors.toUnmodifiableSet()));
    }
    if (scopesByHash.isEmpty()) {
      byte[] bytes = new byte[32];
      new SecureRandom().nextBytes(bytes);
      String token = "vmr_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      scopesByHash.put(sha256(token), Set.of(Scope.ADMIN));
      System.out.println("\nevent-router: no token is configured (vastmesh.router.tokens); this run generated an admin token."
          + "\nIt is shown once, here, and never logged:\n\n    Authorization: Bearer " + token + "\n");
    }
  }

  /** Checks the {@code Authorization} header grants {@code scope}. */
  public void require(@Nullable String authorization, Scope scope) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new Denied(false, "a bearer token is required");
    }
    Set<Scope> scopes = scopesByHash.get(sha256(authorization.substring(7).trim()));
    if (scopes == null) {
      throw new Denied(false, "the bearer token is not valid");
    }
    if (!scopes.contains(scope) && !scopes.contains(Scope.ADMIN)) {
      throw new Denied(true, "the token lacks the " + scope.name().toLowerCase(Locale.ROOT) + " scope");
    }
  }

  private static String sha256(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
