package dev.vastmesh.simulator.webhooks;

import dev.vastmesh.simulator.config.SimClock;
import dev.vastmesh.simulator.config.SimulatorProperties;
import dev.vastmesh.simulator.web.VastError;
import dev.vastmesh.support.security.Tokens;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The accounts' webhooks, checked as Vast checks them: at most four per account, {@code https://}
 * (plain http too when {@code webhooks.allow-http}, for receivers without TLS), a host, at most
 * 2048 characters, a name of at most 120 without control characters, known event keys.
 */
@Component
class WebhookStore {

  static final int MAX_PER_ACCOUNT = 4;

  private final Map<Long, Webhook> webhooks = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(500);
  private final SimClock clock;
  private final boolean allowHttp;

  WebhookStore(SimClock clock, SimulatorProperties properties) {
    this.clock = clock;
    this.allowHttp = properties.webhooks().allowHttp();
  }

  synchronized Webhook create(long userId, @Nullable String name, @Nullable String url, @Nullable List<String> eventTypes) {
    if (of(userId).size() >= MAX_PER_ACCOUNT) {
      throw VastError.of(400, "max_webhooks", "You can have at most " + MAX_PER_ACCOUNT + " webhooks.");
    }
    long now = clock.now().getEpochSecond();
    Webhook webhook = new Webhook(ids.incrementAndGet(), userId, checkName(name), checkUrl(url), checkTypes(eventTypes), now, now,
        Tokens.random("vwh_"));
    webhooks.put(webhook.id(), webhook);
    return webhook;
  }

  synchronized Webhook update(long userId, long id, @Nullable String name, @Nullable String url, @Nullable List<String> eventTypes) {
    Webhook old = require(userId, id);
    Webhook updated = new Webhook(id, userId, name == null ? old.name() : checkName(name), url == null ? old.url() : checkUrl(url),
        eventTypes == null ? old.eventTypes() : checkTypes(eventTypes), old.createdAt(), clock.now().getEpochSecond(), old.secret());
    webhooks.put(id, updated);
    return updated;
  }

  synchronized Webhook rotate(long userId, long id) {
    Webhook old = require(userId, id);
    Webhook rotated = new Webhook(id, userId, old.name(), old.url(), old.eventTypes(), old.createdAt(), clock.now().getEpochSecond(),
        Tokens.random("vwh_"));
    webhooks.put(id, rotated);
    return rotated;
  }

  void delete(long userId, long id) {
    require(userId, id);
    webhooks.remove(id);
  }

  Webhook require(long userId, long id) {
    return Optional.ofNullable(webhooks.get(id)).filter(w -> w.userId() == userId)
        .orElseThrow(() -> VastError.of(404, "not_found", "Webhook " + id + " not found."));
  }

  List<Webhook> of(long userId) {
    return webhooks.values().stream().filter(w -> w.userId() == userId).sorted(Comparator.comparingLong(Webhook::id)).toList();
  }

  private static @Nullable String checkName(@Nullable String name) {
    if (name != null && (name.length() > 120 || name.chars().anyMatch(Character::isISOControl))) {
      throw VastError.of(400, "invalid_request", "name must be at most 120 characters without control characters.");
    }
    return name;
  }

  private String checkUrl(@Nullable String url) {
    if (url == null || url.length() > 2048) {
      throw VastError.of(400, "invalid_request", "webhook_url is required and must be at most 2048 characters.");
    }
    URI parsed;
    try {
      parsed = new URI(url);
    } catch (URISyntaxException e) {
      throw VastError.of(400, "invalid_request", "webhook_url is not a URL.");
    }
    String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
      throw VastError.of(400, "invalid_request", "webhook_url must use https.");
    }
    if (parsed.getHost() == null || parsed.getHost().isBlank()) {
      throw VastError.of(400, "invalid_request", "webhook_url must have a host name.");
    }
    return url;
  }

  private static List<String> checkTypes(@Nullable List<String> eventTypes) {
    if (eventTypes == null || eventTypes.isEmpty()) {
      throw VastError.of(400, "invalid_request", "event_types needs at least one notification key.");
    }
    for (String key : eventTypes) {
      if (!NotificationTypes.CLIENT.containsKey(key)) {
        throw VastError.of(400, "invalid_request", "Unknown notification type '" + key + "'.");
      }
    }
    return List.copyOf(eventTypes);
  }
}
