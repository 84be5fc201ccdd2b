package dev.vastmesh.simulator.webhooks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The renter notification keys webhooks may subscribe to, with Vast's display names. */
final class NotificationTypes {

  static final Map<String, String> CLIENT = new LinkedHashMap<>();

  static {
    CLIENT.put("client:low_credit", "Low balance notifications");
    CLIENT.put("client:billing_failed", "Payment failed");
    CLIENT.put("client:payment_receipt", "Payment receipt");
    CLIENT.put("client:credit_received", "Credit transfer received");
    CLIENT.put("client:instance_created", "Instance created");
    CLIENT.put("client:instance_started", "Instance started");
    CLIENT.put("client:instance_stopped", "Instance stopped");
    CLIENT.put("client:instance_resumed", "Instance resumed");
    CLIENT.put("client:instance_deleted", "Instance deleted");
    CLIENT.put("client:outbid", "Instance outbid");
    CLIENT.put("client:upcoming_downtime", "Upcoming instance downtime");
    CLIENT.put("client:instance_offline", "Instance offline");
    CLIENT.put("client:instance_online", "Instance back online");
    CLIENT.put("client:error_msgs", "Instance error detected");
  }

  private NotificationTypes() {
  }

  static List<Map<String, Object>> list() {
    return CLIENT.entrySet().stream().map(e -> {
      String slug = e.getKey().substring("client:".length());
      Map<String, Object> type = new LinkedHashMap<>();
      type.put("key", e.getKey());
      type.put("slug", slug);
      type.put("context", "client");
      type.put("category", slug.contains("credit") || slug.contains("billing") || slug.contains("payment") ? "billing" : "instance");
      type.put("display_name", e.getValue());
      type.put("default_preferences", Map.of("email", true, "webhooks", false));
      type.put("mandatory_email", false);
      return type;
    }).toList();
  }
}
