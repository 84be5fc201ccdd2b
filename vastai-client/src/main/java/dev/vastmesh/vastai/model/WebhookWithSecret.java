package dev.vastmesh.vastai.model;

import java.util.List;

/**
 * A webhook as created or after its secret was rotated: the only two answers that carry the
 * signing secret, which Vast never shows again.
 *
 * @param enabledNotificationPreferences the keys whose webhook channel the creation turned on
 *     (empty after a rotation)
 */
public record WebhookWithSecret(Webhook webhook, String secret, List<String> enabledNotificationPreferences) {

  public WebhookWithSecret {
    enabledNotificationPreferences = List.copyOf(enabledNotificationPreferences);
  }

  @Override
  public String toString() {
    return "WebhookWithSecret[" + webhook + ", secret=<redacted>]";
  }
}
