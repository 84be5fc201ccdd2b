package dev.vastmesh.gateway.support;

import dev.vastmesh.events.StandardWebhooks;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Builds signed Standard Webhooks requests for tests. */
public final class Signed {

  public static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  private Signed() {
  }

  /** Header name/value pairs for {@code body} signed now with a fresh message id. */
  public static String[] standard(String body, Instant now) {
    return standard(body, now, "msg_" + UUID.randomUUID());
  }

  public static String[] standard(String body, Instant now, String messageId) {
    long ts = now.getEpochSecond();
    return new String[] {"webhook-id", messageId, "webhook-timestamp", Long.toString(ts),
        "webhook-signature", StandardWebhooks.forSecret(SECRET).sign(messageId, ts, body.getBytes(StandardCharsets.UTF_8))};
  }

  /** The pairs followed by more pairs. */
  public static String[] with(String[] headers, String... more) {
    String[] all = new String[headers.length + more.length];
    System.arraycopy(headers, 0, all, 0, headers.length);
    System.arraycopy(more, 0, all, headers.length, more.length);
    return all;
  }
}
