package dev.vastmesh.vastai.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One of the account's notification webhooks, as Vast lists it (never with its secret).
 *
 * @param eventTypes the subscribed keys, {@code <context>:<slug>} such as {@code client:outbid}
 * @param createdAt Unix seconds
 */
public record Webhook(long id, @Nullable Long userId, @Nullable String name, String webhookUrl, List<String> eventTypes,
    @Nullable Double createdAt, @Nullable Double updatedAt) {

  public Webhook {
    eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
  }
}
