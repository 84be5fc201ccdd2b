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
import dev.vastmesh.transport.Backoff;
import dev.vastmesh.transport.HttpEventSender;
import dev.vastmesh.transport.RetryingPublisher;
import dev.vastmesh.transport.SendResult;
import dev.vastmesh.worker.config.WorkerProperties;
import dev.vastmesh.worker.lifecycle.WorkerState;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Tells the control plane about this worker's life: {@code vastai.instance.ready} when it first
 * becomes ready, {@code vastai.health.degraded} and {@code vastai.health.unhealthy} when its health
 * drops. Each is a canonical event sent to a webhook-gateway source through event-transport,
 * signed the Standard Webhooks way with {@code webhook-id} = the event id, so a resend after a
 * lost answer is recognised as a replay and delivered once. Sending never blocks the worker: it
 * happens on the publisher's own thread, with up to eight tries backing off (jittered) from 1 s to
 * 30 s, so a gateway restart does not lose the event.
 */
@Component
public class WorkerEvents implements SmartLifecycle, RetryingPublisher.Listener {

  private static final Logger log = LoggerFactory.getLogger(WorkerEvents.class);
  private static final int ATTEMPTS = 8;
  private static final Backoff BACKOFF = Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(30));
  private static final int BUFFER = 1_000;
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration STOP_GRACE = Duration.ofSeconds(2);

  private final WorkerProperties properties;
  private final WorkerProperties.Events config;
  private final WorkerState state;
  private final long instanceId;
  private volatile boolean running;
  private volatile @Nullable RetryingPublisher publisher;

  WorkerEvents(WorkerProperties properties, WorkerState state) {
    this.properties = properties;
    this.config = properties.events();
    this.state = state;
    this.instanceId = properties.instanceId();
  }

  @Override
  public void start() {
    running = true;
    URI gateway = config.gatewayUrl();
    if (gateway == null || config.secret() == null || config.secret().isBlank() || instanceId <= 0) {
      log.info("no event gateway configured (vastmesh.worker.events.gateway-url, secret, instance id): not sending events");
      return;
    }
    RetryingPublisher events = new RetryingPublisher("worker-event-sender",
        HttpEventSender.signed(gateway, StandardWebhooks.forSecret(config.secret()), REQUEST_TIMEOUT), BUFFER, ATTEMPTS, BACKOFF,
        EventCodec.standard(), this);
    events.start();
    publisher = events;
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
        events.publish(factory.create(payload, options));
      }
    });
  }

  private InstanceReady ready() {
    URI url = properties.vast().publicUrl();
    return new InstanceReady(instanceId, null, url == null || url.toString().isEmpty() ? null : url.toString(),
        properties.registry().gpuName(), state.loadtime());
  }

  // A 2xx for a resend means an earlier try got through (the gateway's duplicate answer).
  @Override
  public void delivered(EventEnvelope event) {
    log.info("sent {} ({})", event.type(), event.id());
  }

  @Override
  public void retrying(EventEnvelope event, int attempt, SendResult.Retryable result, Duration wait) {
    log.warn("sending {} failed (try {} of {}): {}", event.type(), attempt, ATTEMPTS, result.reason());
  }

  @Override
  public void refused(EventEnvelope event, SendResult.Refused result) {
    log.warn("the gateway refused {}: HTTP {}", event.type(), result.status());
  }

  @Override
  public void gaveUp(EventEnvelope event, int attempts, SendResult.Retryable last) {
    log.warn("gave up sending {} after {} tries: {}", event.type(), attempts, last.reason());
  }

  @Override
  public void overflowed(EventEnvelope event) {
    log.warn("event buffer full ({} events): dropped {}", BUFFER, event.type());
  }

  private static String truncate(String reason) {
    return reason.length() > 1024 ? reason.substring(0, 1024) : reason;
  }

  @Override
  public void stop() {
    running = false;
    RetryingPublisher events = publisher;
    if (events != null) {
      // A last event (say, unhealthy on the way down) gets a moment; one still backing off does not hold shutdown.
      events.stop(STOP_GRACE);
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
