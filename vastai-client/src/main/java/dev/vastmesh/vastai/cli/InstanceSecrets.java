package dev.vastmesh.vastai.cli;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What an instance is given must never hold the account's API key: an instance's environment and
 * onstart are readable by whoever gets a shell on it, and the key rents and destroys machines.
 * The worker needs only a registry token that can register (and then its own instance token).
 */
final class InstanceSecrets {

  private InstanceSecrets() {
  }

  static void refuseApiKey(String apiKey, Map<String, String> env, @Nullable String onstart) {
    for (Map.Entry<String, String> entry : env.entrySet()) {
      if (entry.getValue().contains(apiKey)) {
        throw new IllegalArgumentException("--env " + entry.getKey() + " holds the account's API key; an instance must never get it "
            + "(give the worker a registry token with the register scope instead)");
      }
    }
    if (onstart != null && onstart.contains(apiKey)) {
      throw new IllegalArgumentException("--onstart holds the account's API key; an instance must never get it");
    }
  }
}
