package dev.vastmesh.vastai.cli;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What an instance is given must never hold the account's API key: an instance's environment and
 * onstart are readable by whoever gets a shell on it, and the key rents and destroys machines.
 * The worker needs only a registry token that registers it once (a one-time enrollment token,
 * {@code --registry-enroll}) and then its own instance token; the CI's own registry token stays on
 * the CI runner too.
 */
final class InstanceSecrets {

  private static final String INSTEAD = " (give the worker a one-time enrollment token instead: --registry-enroll)";

  private InstanceSecrets() {
  }

  static void refuseApiKey(String apiKey, Map<String, String> env, @Nullable String onstart) {
    refuse(apiKey, "the account's API key", env, onstart);
  }

  /** Refuses to give the instance the token read from the variable {@code source}. */
  static void refuseSecret(String secret, String source, Map<String, String> env, @Nullable String onstart) {
    refuse(secret, "the token from " + source, env, onstart);
  }

  private static void refuse(String secret, String what, Map<String, String> env, @Nullable String onstart) {
    for (Map.Entry<String, String> entry : env.entrySet()) {
      if (entry.getValue().contains(secret)) {
        throw new IllegalArgumentException("--env " + entry.getKey() + " holds " + what + "; an instance must never get it" + INSTEAD);
      }
    }
    if (onstart != null && onstart.contains(secret)) {
      throw new IllegalArgumentException("--onstart holds " + what + "; an instance must never get it");
    }
  }
}
