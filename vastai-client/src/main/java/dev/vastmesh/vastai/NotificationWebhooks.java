package dev.vastmesh.vastai;

import dev.vastmesh.vastai.model.NotificationType;
import dev.vastmesh.vastai.model.Webhook;
import dev.vastmesh.vastai.model.WebhookWithSecret;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Vast's notification webhooks ({@code /api/v0/webhooks/}) and the notification types they may
 * subscribe to. Inputs are checked as Vast checks them before anything is sent — {@code https://}
 * with a host and at most 2048 characters, a name of at most 120 characters without control
 * characters, at least one event type — so a CI job learns of a mistake without a round trip.
 * The secret comes back only from {@link #create} and {@link #rotateSecret}.
 */
public final class NotificationWebhooks {

  /** Webhooks Vast allows per account. */
  public static final int MAX_PER_ACCOUNT = 4;

  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  private final VastClient client;

  NotificationWebhooks(VastClient client) {
    this.client = client;
  }

  public List<NotificationType> types() {
    JsonNode answer = client.call(new Request.Builder().url(client.url("/api/v0/notification-types/")).get().build(), "notification types");
    return list(answer, "notification_types", NotificationType.class, "notification types");
  }

  public List<Webhook> list() {
    JsonNode answer = client.call(new Request.Builder().url(client.url("/api/v0/webhooks/")).get().build(), "list webhooks");
    return list(answer, "webhooks", Webhook.class, "list webhooks");
  }

  public WebhookWithSecret create(@Nullable String name, String url, List<String> eventTypes) {
    checkCreate(name, url, eventTypes);
    ObjectNode body = client.json().createObjectNode();
    if (name != null) {
      body.put("name", name);
    }
    body.put("webhook_url", url);
    body.set("event_types", client.json().valueToTree(eventTypes));
    JsonNode answer = client.call(new Request.Builder().url(client.url("/api/v0/webhooks/"))
        .post(RequestBody.create(body.toString(), JSON_TYPE)).build(), "create webhook");
    return withSecret(answer, "create webhook");
  }

  /** Changes what is given (null: unchanged). */
  public Webhook update(long id, @Nullable String name, @Nullable String url, @Nullable List<String> eventTypes) {
    ObjectNode body = client.json().createObjectNode();
    if (name != null) {
      checkName(name);
      body.put("name", name);
    }
    if (url != null) {
      checkUrl(url);
      body.put("webhook_url", url);
    }
    if (eventTypes != null) {
      checkEventTypes(eventTypes);
      body.set("event_types", client.json().valueToTree(eventTypes));
    }
    if (body.isEmpty()) {
      throw new IllegalArgumentException("nothing to update: give a name, a URL or event types");
    }
    JsonNode answer = client.call(new Request.Builder().url(client.url("/api/v0/webhooks/" + id + "/"))
        .put(RequestBody.create(body.toString(), JSON_TYPE)).build(), "update webhook " + id);
    return webhook(answer, "update webhook " + id);
  }

  public void delete(long id) {
    VastClient.requireSuccess(client.call(new Request.Builder().url(client.url("/api/v0/webhooks/" + id + "/")).delete().build(),
        "delete webhook " + id), "delete webhook " + id);
  }

  /** A new secret; the old one stops being the one Vast signs with. */
  public WebhookWithSecret rotateSecret(long id) {
    JsonNode answer = client.call(new Request.Builder().url(client.url("/api/v0/webhooks/" + id + "/rotate-secret/"))
        .post(RequestBody.create("", JSON_TYPE)).build(), "rotate webhook secret " + id);
    return withSecret(answer, "rotate webhook secret " + id);
  }

  /** Asks Vast to deliver a {@code webhook_test} notification now; returns Vast's message. */
  public String test(long id) {
    JsonNode answer = client.call(new Request.Builder().url(client.url("/api/v0/webhooks/" + id + "/test/"))
        .post(RequestBody.create("", JSON_TYPE)).build(), "test webhook " + id);
    VastClient.requireSuccess(answer, "test webhook " + id);
    return answer.path("msg").asString("test webhook delivered");
  }

  private WebhookWithSecret withSecret(JsonNode answer, String what) {
    VastClient.requireSuccess(answer, what);
    Webhook webhook = webhook(answer, what);
    JsonNode secret = answer.path("webhook").path("webhook_secret");
    if (!secret.isString() || secret.stringValue().isBlank()) {
      throw new VastException.MalformedResponse(what + ": the answer has no webhook_secret");
    }
    List<String> enabled = new ArrayList<>();
    answer.path("enabled_notification_preferences").forEach(key -> enabled.add(key.asString()));
    return new WebhookWithSecret(webhook, secret.stringValue(), enabled);
  }

  private Webhook webhook(JsonNode answer, String what) {
    VastClient.requireSuccess(answer, what);
    JsonNode node = answer.get("webhook");
    if (node == null || !node.isObject() || !node.path("id").canConvertToLong() || !node.path("webhook_url").isString()) {
      throw new VastException.MalformedResponse(what + ": the answer has no webhook with an id and a URL");
    }
    ObjectNode withoutSecret = ((ObjectNode) node).deepCopy();
    withoutSecret.remove("webhook_secret");
    return client.json().treeToValue(withoutSecret, Webhook.class);
  }

  private <T> List<T> list(JsonNode answer, String field, Class<T> type, String what) {
    VastClient.requireSuccess(answer, what);
    JsonNode items = answer.get(field);
    if (items == null || !items.isArray()) {
      throw new VastException.MalformedResponse(what + ": the answer has no '" + field + "' list");
    }
    List<T> result = new ArrayList<>();
    items.forEach(item -> result.add(client.json().treeToValue(item, type)));
    return result;
  }

  /**
   * What {@link #create} checks before sending anything.
   *
   * @throws IllegalArgumentException saying which rule the input breaks
   */
  public static void checkCreate(@Nullable String name, String url, List<String> eventTypes) {
    checkUrl(url);
    checkName(name);
    checkEventTypes(eventTypes);
  }

  /**
   * Vast's rules for {@code webhook_url}: https, a host, at most 2048 characters.
   *
   * @throws IllegalArgumentException saying which rule the URL breaks
   */
  public static void checkUrl(String url) {
    if (url.length() > 2048) {
      throw new IllegalArgumentException("a webhook URL may have at most 2048 characters");
    }
    URI parsed;
    try {
      parsed = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: " + e.getReason());
    }
    if (parsed.getScheme() == null || !parsed.getScheme().toLowerCase(Locale.ROOT).equals("https")) {
      throw new IllegalArgumentException("Vast delivers webhooks only to https:// URLs");
    }
    if (parsed.getHost() == null || parsed.getHost().isBlank()) {
      throw new IllegalArgumentException("a webhook URL needs a host name");
    }
  }

  private static void checkName(@Nullable String name) {
    if (name == null) {
      return;
    }
    if (name.length() > 120) {
      throw new IllegalArgumentException("a webhook name may have at most 120 characters");
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("a webhook name may not contain control characters");
    }
  }

  private static void checkEventTypes(List<String> eventTypes) {
    if (eventTypes.isEmpty()) {
      throw new IllegalArgumentException("subscribe to at least one event type, e.g. client:outbid (see vastai notification-types)");
    }
    for (String key : eventTypes) {
      if (!key.matches("(client|host):[a-z0-9_]+")) {
        throw new IllegalArgumentException("event types are full keys such as client:outbid, not '" + key + "'");
      }
    }
  }
}
