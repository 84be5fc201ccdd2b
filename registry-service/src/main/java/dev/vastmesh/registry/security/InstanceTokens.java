package dev.vastmesh.registry.security;

import dev.vastmesh.support.security.Tokens;
import java.util.OptionalLong;

/**
 * Instance tokens: {@code vmi_<instance id>_<secret>}. The id in clear lets the registry find
 * the one hash to compare with; the secret is what proves possession.
 */
public final class InstanceTokens {

  static final String PREFIX = "vmi_";

  private InstanceTokens() {
  }

  /** A new token for the instance. */
  public static String issue(long instanceId) {
    return Tokens.random(PREFIX + instanceId + "_");
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
