package dev.vastmesh.router.delivery;

import dev.vastmesh.router.routing.Agent;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** POSTs one signed delivery to its agent. */
final class AgentClient {

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Signer signer;
  private final Agent agent;
  private final Clock clock;

  AgentClient(Agent agent, Clock clock) {
    this.agent = agent;
    this.signer = new Signer(agent.secret());
    this.clock = clock;
  }

  AttemptResult post(Delivery delivery) throws InterruptedException {
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest request = HttpRequest.newBuilder(agent.config().url()).timeout(agent.config().timeout())
        .header("Content-Type", "application/cloudevents+json")
        .header("webhook-id", delivery.id())
        .header("webhook-timestamp", Long.toString(timestamp))
        .header("webhook-signature", signer.sign(delivery.id(), timestamp, delivery.json()))
        .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.json()))
        .build();
    try {
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      return new AttemptResult(response.statusCode(), null,
          response.headers().firstValue("Retry-After").map(v -> retryAfter(v, clock)).orElse(null));
    } catch (IOException e) {
      return new AttemptResult(null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), null);
    }
  }

  /** Retry-After as seconds or an HTTP date; null when it is neither. */
  static @Nullable Duration retryAfter(String value, Clock clock) {
    String text = value.trim();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(text)));
    } catch (NumberFormatException notSeconds) {
      try {
        Duration until = Duration.between(clock.instant(), ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        return until.isNegative() ? Duration.ZERO : until;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }
}
