package dev.vastmesh.simulator.webhooks;

import dev.vastmesh.simulator.config.SimClock;
import dev.vastmesh.simulator.config.SimulatorProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers notifications as Vast does: a compact JSON body, signed, POSTed to every webhook of
 * the account subscribed to the key, retried on 408, 429, 5xx, timeouts and connection errors
 * with the same {@code X-Vast-Event-Id} and a rising {@code X-Vast-Delivery-Attempt}. Each
 * attempt is signed anew with the clock's time (Vast does not say; a re-signed retry keeps
 * verifying past a receiver's 300 s window). 3xx and other 4xx are final, as on Vast.
 */
@Component
class WebhookDeliveries implements Notifier {

  private static final Logger log = LoggerFactory.getLogger(WebhookDeliveries.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** How one delivery ended. */
  enum Outcome { DELIVERED, REFUSED, GAVE_UP }

  private final WebhookStore store;
  private final SimClock simulated;
  private final Clock clock;
  private final SimulatorProperties.Webhooks settings;
  private final HttpClient http;
  private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

  WebhookDeliveries(WebhookStore store, SimClock simulated, Clock clock, SimulatorProperties properties) {
    this.store = store;
    this.simulated = simulated;
    this.clock = clock;
    this.settings = properties.webhooks();
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  public void notify(long userId, String key, String subject, String message) {
    for (Webhook webhook : store.of(userId)) {
      if (webhook.eventTypes().contains(key)) {
        byte[] body = body(userId, key.substring(key.indexOf(':') + 1), subject, message);
        senders.execute(() -> deliver(webhook, body, settings.attempts()));
      }
    }
  }

  /** The test notification: one attempt, no retry (as Vast's test endpoint). */
  Outcome test(Webhook webhook) {
    return deliver(webhook, body(webhook.userId(), "webhook_test", "Vast.ai webhook test", "This is a test notification."), 1);
  }

  private byte[] body(long userId, String slug, String subject, String message) {
    String eventId = HexFormat.of().formatHex(uuidBytes());
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("event_id", eventId);
    payload.put("user_id", userId);
    payload.put("notif_type", slug);
    payload.put("subject", subject);
    payload.put("message", message);
    payload.put("timestamp", simulated.epochSeconds());
    return JSON.writeValueAsBytes(payload);
  }

  private Outcome deliver(Webhook webhook, byte[] body, int attempts) {
    String eventId = JSON.readTree(body).get("event_id").asString();
    Duration pause = settings.backoff();
    for (int attempt = 1; attempt <= attempts; attempt++) {
      String timestamp = Long.toString(clock.instant().getEpochSecond());
      HttpRequest request = HttpRequest.newBuilder(URI.create(webhook.url())).timeout(settings.timeout())
          .header("Content-Type", "application/json")
          .header("X-Vast-Event-Id", eventId)
          .header("X-Vast-Delivery-Attempt", Integer.toString(attempt))
          .header("X-Vast-Timestamp", timestamp)
          .header("X-Vast-Signature-256", VastSignature.sign(webhook.secret(), timestamp, body))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
      try {
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status >= 200 && status < 300) {
          return Outcome.DELIVERED;
        }
        if (status != 408 && status != 429 && status < 500) {
          log.info("webhook {}: event {} refused with {}; not retried", webhook.id(), eventId, status);
          return Outcome.REFUSED;
        }
        log.debug("webhook {}: attempt {} of event {} answered {}", webhook.id(), attempt, eventId, status);
      } catch (IOException e) {
        log.debug("webhook {}: attempt {} of event {} failed: {}", webhook.id(), attempt, eventId, e.getClass().getSimpleName());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Outcome.GAVE_UP;
      }
      if (attempt < attempts) {
        try {
          Thread.sleep(pause);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return Outcome.GAVE_UP;
        }
        pause = pause.multipliedBy(2);
      }
    }
    log.info("webhook {}: gave up on event {} after {} attempts", webhook.id(), eventId, attempts);
    return Outcome.GAVE_UP;
  }

  private static byte[] uuidBytes() {
    UUID id = UUID.randomUUID();
    byte[] bytes = new byte[16];
    for (int i = 0; i < 8; i++) {
      bytes[i] = (byte) (id.getMostSignificantBits() >>> (56 - 8 * i));
      bytes[8 + i] = (byte) (id.getLeastSignificantBits() >>> (56 - 8 * i));
    }
    return bytes;
  }
}
