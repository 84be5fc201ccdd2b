package dev.vastmesh.simulator.webhooks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A subscribed URL of an account. The secret is shown by create and rotate only. */
record Webhook(long id, long userId, @Nullable String name, String url, List<String> eventTypes, long createdAt, long updatedAt,
    String secret) {

  Webhook {
    eventTypes = List.copyOf(eventTypes);
  }

  /** Vast's Webhook object, with or without {@code webhook_secret}. */
  Map<String, @Nullable Object> json(boolean withSecret) {
    Map<String, @Nullable Object> json = new LinkedHashMap<>();
    json.put("id", id);
    json.put("user_id", userId);
    json.put("name", name);
    json.put("webhook_url", url);
    json.put("event_types", eventTypes);
    json.put("created_at", createdAt);
    json.put("updated_at", updatedAt);
    if (withSecret) {
      json.put("webhook_secret", secret);
    }
    return json;
  }

  @Override
  public String toString() {
    return "Webhook[id=" + id + ", userId=" + userId + ", url=" + url + ", secret=<redacted>]";
  }
}
