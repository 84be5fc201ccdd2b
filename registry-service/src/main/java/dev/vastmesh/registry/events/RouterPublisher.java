package dev.vastmesh.registry.events;

import dev.vastmesh.events.EventCodec;
import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.registry.config.RegistryProperties;
import dev.vastmesh.transport.Backoff;
import dev.vastmesh.transport.EventSender;
import dev.vastmesh.transport.HttpEventSender;
import dev.vastmesh.transport.RedisStreamSender;
import dev.vastmesh.transport.RetryingPublisher;
import dev.vastmesh.transport.SendResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import dev.vastmesh.support.config.StateMode;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends the registry's events to the event router without ever blocking the API, through
 * event-transport: a bounded buffer that one sender drains, retrying with capped exponential
 * back-off and jitter (and the router's Retry-After). A full buffer drops the new event; every
 * drop is counted and logged, never silent. The transport is HTTP to the router, or (Redis
 * store) the Redis stream the routers consume. Without either it is off.
 */
@Component
public class RouterPublisher implements SmartLifecycle, RetryingPublisher.Listener {

  private static final Logger log = LoggerFactory.getLogger(RouterPublisher.class);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private static final String PUBLISHED = "Registry events, by outcome: delivered to the router, or dropped (buffer full, undeliverable)";

  private final RegistryProperties.Events config;
  private final @Nullable EventSender sender;
  private final @Nullable RetryingPublisher publisher;
  private final Counter delivered;
  private final Counter droppedOverflow;
  private final Counter droppedFailed;
  private final Counter retried;
  private volatile boolean running;

  RouterPublisher(RegistryProperties properties, MeterRegistry meters, ObjectProvider<StringRedisTemplate> redis) {
    this.config = properties.events();
    boolean stream = config.transport() == RegistryProperties.Transport.STREAM
        || config.transport() == RegistryProperties.Transport.AUTO && properties.state() == StateMode.REDIS;
    this.sender = stream ? streamSender(redis.getObject(), config.stream())
        : config.routerUrl() != null ? HttpEventSender.toRouter(config.routerUrl(), config.routerToken(), REQUEST_TIMEOUT) : null;
    this.publisher = sender == null ? null : new RetryingPublisher("registry-event-sender", sender, config.bufferSize(),
        config.maxAttempts(), Backoff.exponential(config.initialBackoff(), config.maxBackoff()), EventCodec.standard(), this);
    String name = "vastmesh.registry.events.published";
    this.delivered = Counter.builder(name).tag("outcome", "delivered").description(PUBLISHED).register(meters);
    this.droppedOverflow = Counter.builder(name).tag("outcome", "dropped_buffer_full").description(PUBLISHED).register(meters);
    this.droppedFailed = Counter.builder(name).tag("outcome", "dropped_undeliverable").description(PUBLISHED).register(meters);
    this.retried = Counter.builder("vastmesh.registry.events.retries").description("Delivery attempts to the router that are retried").register(meters);
    Gauge.builder("vastmesh.registry.events.buffered", this, RouterPublisher::buffered).description("Events waiting for the router").register(meters);
  }

  private static EventSender streamSender(StringRedisTemplate redis, String stream) {
    return new RedisStreamSender((key, fields) -> redis.opsForStream().add(MapRecord.create(key, fields)) != null, stream);
  }

  /** Queues the event for the router; never blocks. */
  public void publish(EventEnvelope event) {
    if (publisher != null) {
      publisher.publish(event);
    }
  }

  private int buffered() {
    return publisher == null ? 0 : publisher.buffered();
  }

  @Override
  public void delivered(EventEnvelope event) {
    delivered.increment();
  }

  @Override
  public void retrying(EventEnvelope event, int attempt, SendResult.Retryable result, Duration wait) {
    retried.increment();
    log.warn("sending {} to the event router failed (attempt {}/{}): {}", event.id(), attempt, config.maxAttempts(), result.reason());
  }

  @Override
  public void refused(EventEnvelope event, SendResult.Refused result) {
    droppedFailed.increment();
    log.error("event router refused {} {} with HTTP {}; not retrying", event.type(), event.id(), result.status());
  }

  @Override
  public void gaveUp(EventEnvelope event, int attempts, SendResult.Retryable last) {
    droppedFailed.increment();
    log.error("gave up delivering {} {} to the event router after {} attempts: {}", event.type(), event.id(), attempts, last.reason());
  }

  @Override
  public void overflowed(EventEnvelope event) {
    droppedOverflow.increment();
    log.warn("event buffer full ({} events): dropped {} {} for instance {}", config.bufferSize(), event.type(), event.id(), event.subject());
  }

  @Override
  public void start() {
    running = true;
    if (publisher == null || sender == null) {
      log.info("no event router configured (vastmesh.registry.events.router-url): events reach in-process listeners only");
      return;
    }
    log.info("events go to the router by {}", sender.mode().equals("redis") ? "the Redis stream " + config.stream() : "HTTP at " + config.routerUrl());
    publisher.start();
  }

  @Override
  public void stop() {
    running = false;
    if (publisher != null) {
      int left = publisher.stop(STOP_GRACE);
      if (left > 0) {
        log.warn("shutting down with {} events not yet delivered to the router", left);
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
