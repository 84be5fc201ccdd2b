package dev.vastmesh.simulator.webhooks;

import dev.vastmesh.simulator.account.SimAccount;
import dev.vastmesh.simulator.account.VastApi;
import dev.vastmesh.simulator.account.VastAuthFilter;
import dev.vastmesh.simulator.web.VastError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Vast's webhook management: list, create (the secret once), update, delete, rotate, test. */
@RestController
@VastApi
class WebhooksController {

  private final WebhookStore store;
  private final WebhookDeliveries deliveries;

  WebhooksController(WebhookStore store, WebhookDeliveries deliveries) {
    this.store = store;
    this.deliveries = deliveries;
  }

  @GetMapping("/api/v0/notification-types/")
  Map<String, Object> types() {
    return Map.of("success", true, "notification_types", NotificationTypes.list());
  }

  @GetMapping("/api/v0/webhooks/")
  Map<String, Object> list(@RequestAttribute(VastAuthFilter.ACCOUNT) SimAccount account) {
    return Map.of("success", true, "webhooks", store.of(account.userId()).stream().map(w -> w.json(false)).toList());
  }

  @PostMapping("/api/v0/webhooks/")
  Map<String, Object> create(@RequestAttribute(VastAuthFilter.ACCOUNT) SimAccount account, @RequestBody JsonNode body) {
    Webhook webhook = store.create(account.userId(), text(body, "name"), text(body, "webhook_url"), types(body));
    return Map.of("success", true, "webhook", webhook.json(true), "enabled_notification_preferences", webhook.eventTypes());
  }

  @PutMapping("/api/v0/webhooks/{id}/")
  Map<String, Object> update(@RequestAttribute(VastAuthFilter.ACCOUNT) SimAccount account, @PathVariable long id,
      @RequestBody JsonNode body) {
    Webhook webhook = store.update(account.userId(), id, text(body, "name"), text(body, "webhook_url"), types(body));
    return Map.of("success", true, "webhook", webhook.json(false), "enabled_notification_preferences", webhook.eventTypes());
  }

  @DeleteMapping("/api/v0/webhooks/{id}/")
  Map<String, Object> delete(@RequestAttribute(VastAuthFilter.ACCOUNT) SimAccount account, @PathVariable long id) {
    store.delete(account.userId(), id);
    return Map.of("success", true);
  }

  @PostMapping("/api/v0/webhooks/{id}/rotate-secret/")
  Map<String, Object> rotate(@RequestAttribute(VastAuthFilter.ACCOUNT) SimAccount account, @PathVariable long id) {
    return Map.of("success", true, "webhook", store.rotate(account.userId(), id).json(true));
  }

  /** Delivered once, now; a receiver that does not take it makes the URL "not deliverable", as on Vast. */
  @PostMapping("/api/v0/webhooks/{id}/test/")
  Map<String, Object> test(@RequestAttribute(VastAuthFilter.ACCOUNT) SimAccount account, @PathVariable long id) {
    Webhook webhook = store.require(account.userId(), id);
    if (deliveries.test(webhook) != WebhookDeliveries.Outcome.DELIVERED) {
      throw VastError.of(400, "invalid_request", "Webhook URL is not deliverable");
    }
    return Map.of("success", true, "msg", "Test webhook delivered");
  }

  private static @Nullable String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isString()) {
      throw VastError.of(400, "invalid_request", field + " must be a string.");
    }
    return value.asString();
  }

  private static @Nullable List<String> types(JsonNode body) {
    JsonNode value = body.get("event_types");
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isArray()) {
      throw VastError.of(400, "invalid_request", "event_types must be a list of notification keys.");
    }
    List<String> keys = new ArrayList<>();
    value.forEach(key -> keys.add(key.asString()));
    return keys;
  }
}
