package dev.vastmesh.worker.events;

import dev.vastmesh.events.EventCodec;
import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.EventFactory;
import dev.vastmesh.events.EventOptions;
import dev.vastmesh.events.StandardWebhooks;
import dev.vastmesh.events.payload.EventPayload;
import dev.vastmesh.events.payload.HealthDegraded;
import dev.vastmesh.events.payload.HealthStatus;
import dev.vastmesh.events.payload.HealthUnhealthy;
import dev.vastmesh.events.payload.InstanceReady;
import dev.vastmesh.worker.config.WorkerProperties;
import dev.vastmesh.worker.lifecycle.WorkerState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Tells the control plane about this worker's life: {@code vastai.instance.ready} when it first
 * becomes ready, {@code vastai.health.degraded} and {@code vastai.health.unhealthy} when its health
 * drops. Each is a canonical event sent to a webhook-gateway source, signed the Standard Webhooks
 * way with {@code webhook-id} = the event id, so a resend after a lost answer is recognised as a
 * replay and delivered once. Sending never blocks the worker: it happens on its own virtual
 * thread, with up to eight tries backing off from 1 s to 30 s (about two and a half minutes, so
 * a gateway restart does not lose the event).
 */
@Component
public class WorkerEvents implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(WorkerEvents.class);
  private static final int ATTEMPTS = 8;
  private static final long MAX_BACKOFF_MILLIS = 30_000;

  private final WorkerProperties properties;
  private final WorkerProperties.Events config;
  private final WorkerState state;
  private final long instanceId;
  private final EventCodec codec = EventCodec.standard();
  private final HttpClient http;
  private volatile boolean running;

  WorkerEvents(WorkerProperties properties, WorkerState state, HttpClient http) {
    this.http = http;
    this.properties = properties;
    this.config = properties.events();
    this.state = state;
    this.instanceId = properties.instanceId();
  }

  @Override
  public void start() {
    running = true;
    if (config.gatewayUrl() == null || config.secret() == null || config.secret().isBlank() || instanceId <= 0) {
      log.info("no event gateway configured (vastmesh.worker.events.gateway-url, secret, instance id): not sending events");
      return;
    }
    StandardWebhooks signer = StandardWebhooks.forSecret(config.secret());
    EventFactory factory = EventFactory.create(Clock.systemUTC(), "/vastmesh/gpu-worker/" + instanceId);
    EventOptions options = EventOptions.none().withEnvironment(config.environment()).withSubject("instance/" + instanceId);
    state.onChange(change -> {
      EventPayload payload = switch (change.to()) {
        case READY -> change.from() == WorkerState.Phase.LOADING ? ready() : null;
        case DEGRADED -> new HealthDegraded(instanceId, HealthStatus.HEALTHY, change.reason());
        case ERRORED -> new HealthUnhealthy(instanceId, change.from() == WorkerState.Phase.DEGRADED
            ? HealthStatus.DEGRADED : HealthStatus.HEALTHY, truncate(change.reason()), null);
        case LOADING -> null;
      };
      if (payload != null) {
        EventEnvelope event = factory.create(payload, options);
        Thread.ofVirtual().name("worker-event").start(() -> send(signer, event));
      }
    });
  }

  private InstanceReady ready() {
    URI url = properties.vast().publicUrl();
    return new InstanceReady(instanceId, null, url == null || url.toString().isEmpty() ? null : url.toString(),
        properties.registry().gpuName(), state.loadtime());
  }

  private void send(StandardWebhooks signer, EventEnvelope event) {
    byte[] body = codec.serialize(event);
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      long timestamp = System.currentTimeMillis() / 1000;
      try {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(config.gatewayUrl()).timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/cloudevents+json")
            .header("webhook-id", event.id())
            .header("webhook-timestamp", Long.toString(timestamp))
            .header("webhook-signature", signer.sign(event.id(), timestamp, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
        // A 200 for a resend means an earlier try got through (the gateway's duplicate answer).
        if (response.statusCode() / 100 == 2) {
          log.info("sent {} ({})", event.type(), event.id());
          return;
        }
        if (response.statusCode() / 100 == 4 && response.statusCode() != 429) {
          log.warn("the gateway refused {}: HTTP {}", event.type(), response.statusCode());
          return;
        }
        log.warn("the gateway answered {} with HTTP {} (try {} of {})", event.type(), response.statusCode(), attempt, ATTEMPTS);
      } catch (IOException e) {
        log.warn("sending {} failed (try {} of {}): {}", event.type(), attempt, ATTEMPTS, e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      try {
        Thread.sleep(Math.min(MAX_BACKOFF_MILLIS, 500L << attempt));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static String truncate(String reason) {
    return reason.length() > 1024 ? reason.substring(0, 1024) : reason;
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
