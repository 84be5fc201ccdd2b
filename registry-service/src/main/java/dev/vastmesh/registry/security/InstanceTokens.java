package dev.vastmesh.registry.security;

import dev.vastmesh.support.security.AuthenticationException;
import dev.vastmesh.support.security.Tokens;
import java.util.OptionalLong;

/**
 * Instance tokens: {@code vmi_<instance id>_<secret>}. The id in clear lets the registry find
 * the one hash to compare with; the secret is what proves possession.
 */
public final class InstanceTokens {

  static final String PREFIX = "vmi_";
  /** The realm {@code ServiceTokens} gives the registry's challenges. */
  static final String REALM = "vastmesh-registry";

  private InstanceTokens() {
  }

  /** A new token for the instance. */
  public static String issue(long instanceId) {
    return Tokens.random(PREFIX + instanceId + "_");
  }

  /**
   * 401 for an instance token that no stored record holds. One answer whether the instance is
   * absent or holds another token, so that a made-up token cannot probe which ids exist; a
   * worker answered so registers again, as after a 404.
   */
  public static AuthenticationException notHeld() {
    return new AuthenticationException(REALM,
        "the instance token is not valid: it ends when its instance is deregistered or expires, and is replaced when it registers again");
  }

  /** The instance id an instance token claims, if it has the instance-token shape. */
  static OptionalLong claimedInstance(String token) {
    if (!token.startsWith(PREFIX)) {
      return OptionalLong.empty();
    }
    int separator = token.indexOf('_', PREFIX.length());
    if (separator < 0) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(token.substring(PREFIX.length(), separator)));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
