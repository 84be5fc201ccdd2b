package dev.vastmesh.gateway.support;

import dev.vastmesh.gateway.signature.VastVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signs deliveries as Vast.ai does (reference/vast-notification-webhooks.md §1-3): a compact
 * JSON body, {@code X-Vast-Timestamp}, {@code X-Vast-Signature-256}, {@code X-Vast-Event-Id} and
 * {@code X-Vast-Delivery-Attempt}.
 */
public final class VastSender {

  public static final String SECRET = "vast-test-secret";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private VastSender() {
  }

  /** The body of one notification, fields in Vast's order. */
  public static String body(String eventId, String notifType, String subject, String message, Instant at) {
    var node = JSON.createObjectNode();
    node.put("event_id", eventId);
    node.put("user_id", 123);
    node.put("notif_type", notifType);
    node.put("subject", subject);
    node.put("message", message);
    node.put("timestamp", at.toEpochMilli() / 1000.0);
    return JSON.writeValueAsString(node);
  }

  /** The headers of one delivery attempt, signed at {@code sentAt}. */
  public static String[] headers(String body, String eventId, int attempt, Instant sentAt) {
    String ts = Long.toString(sentAt.getEpochSecond());
    return new String[] {VastVerifier.TIMESTAMP, ts, VastVerifier.SIGNATURE, VastVerifier.sign(SECRET, ts, body.getBytes(StandardCharsets.UTF_8)),
        VastVerifier.EVENT_ID, eventId, VastVerifier.ATTEMPT, Integer.toString(attempt)};
  }
}
