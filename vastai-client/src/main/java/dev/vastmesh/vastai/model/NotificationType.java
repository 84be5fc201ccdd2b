package dev.vastmesh.vastai.model;

import org.jspecify.annotations.Nullable;

/**
 * A notification Vast can send ({@code GET /api/v0/notification-types/}).
 *
 * @param key what a webhook subscribes to: {@code <context>:<slug>}, e.g. {@code client:low_credit}
 * @param slug what deliveries carry as {@code notif_type}, e.g. {@code low_credit}
 * @param context {@code client} (renter) or {@code host}
 */
public record NotificationType(String key, @Nullable String slug, @Nullable String context, @Nullable String topic,
    @Nullable String category, @Nullable String displayName, @Nullable Channels defaultPreferences,
    @Nullable Boolean mandatoryEmail) {

  /** Whether a channel is on by default. */
  public record Channels(@Nullable Boolean email, @Nullable Boolean webhooks) {
  }
}
