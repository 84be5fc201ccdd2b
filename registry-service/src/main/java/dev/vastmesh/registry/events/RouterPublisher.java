package dev.vastmesh.registry.events;

import dev.vastmesh.events.EventCodec;
import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.registry.config.RegistryProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import dev.vastmesh.events.EventStreams;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends the registry's events to the event router without ever blocking the API: events go into
 * a bounded buffer that one sender drains, retrying with capped exponential back-off and jitter
 * (and the router's Retry-After). A full buffer drops the new event; every drop is counted and
 * logged, never silent. The transport is HTTP to the router, or (Redis store) the Redis stream
 * the routers consume. Without either it is off.
 */
@Component
public class RouterPublisher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RouterPublisher.class);

  private static final String PUBLISHED = "Registry events, by outcome: delivered to the router, or dropped (buffer full, undeliverable)";

  private final RegistryProperties.Events config;
  private final EventCodec codec = EventCodec.standard();
  private final BlockingQueue<EventEnvelope> buffer;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Counter delivered;
  private final Counter droppedOverflow;
  private final Counter droppedFailed;
  private final Counter retried;
  private final @Nullable StringRedisTemplate redis;
  private volatile boolean running;
  private @Nullable Thread sender;

  RouterPublisher(RegistryProperties properties, MeterRegistry meters, ObjectProvider<StringRedisTemplate> redis) {
    this.config = properties.events();
    boolean stream = config.transport() == RegistryProperties.Transport.STREAM
        || config.transport() == RegistryProperties.Transport.AUTO && properties.store() == RegistryProperties.Store.REDIS;
    this.redis = stream ? redis.getObject() : null;
    this.buffer = new ArrayBlockingQueue<>(config.bufferSize());
    String name = "vastmesh.registry.events.published";
    this.delivered = Counter.builder(name).tag("outcome", "delivered").description(PUBLISHED).register(meters);
    this.droppedOverflow = Counter.builder(name).tag("outcome", "dropped_buffer_full").description(PUBLISHED).register(meters);
    this.droppedFailed = Counter.builder(name).tag("outcome", "dropped_undeliverable").description(PUBLISHED).register(meters);
    this.retried = Counter.builder("vastmesh.registry.events.retries").description("Delivery attempts to the router that are retried").register(meters);
    Gauge.builder("vastmesh.registry.events.buffered", buffer, BlockingQueue::size).description("Events waiting for the router").register(meters);
  }

  /** Queues the event for the router; never blocks. */
  public void publish(EventEnvelope event) {
    if (!enabled()) {
      return;
    }
    if (!buffer.offer(event)) {
      droppedOverflow.increment();
      log.warn("event buffer full ({} events): dropped {} {} for instance {}", config.bufferSize(), event.type(), event.id(), event.subject());
    }
  }

  private void drain() {
    while (running || !buffer.isEmpty()) {
      try {
        EventEnvelope event = buffer.poll(200, TimeUnit.MILLISECONDS);
        if (event != null) {
          send(event);
        }
      } catch (InterruptedException e) {
        if (!running) {
          return;
        }
      }
    }
  }

  private boolean enabled() {
    return redis != null || config.routerUrl() != null;
  }

  /** Appends to the stream the routers consume; retried like the HTTP path while Redis is away. */
  private boolean appendToStream(EventEnvelope event, byte[] body) {
    try {
      return redis.opsForStream().add(MapRecord.create(config.stream(), EventStreams.fields(event, body))) != null;
    } catch (DataAccessException e) {
      log.warn("appending {} to {} failed: {}", event.id(), config.stream(), e.toString());
      return false;
    }
  }

  private void send(EventEnvelope event) throws InterruptedException {
    byte[] body = codec.serialize(event);
    if (redis != null) {
      Duration wait = config.initialBackoff();
      for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
        if (appendToStream(event, body)) {
          delivered.increment();
          return;
        }
        if (attempt < config.maxAttempts()) {
          retried.increment();
          Thread.sleep(wait.toMillis());
          wait = wait.multipliedBy(2).compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait.multipliedBy(2);
        }
      }
      droppedFailed.increment();
      log.error("gave up appending {} {} to {} after {} attempts", event.type(), event.id(), config.stream(), config.maxAttempts());
      return;
    }
    URI target = config.routerUrl().resolve("/api/v1/events");
    Duration backoff = config.initialBackoff();
    for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
      HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/cloudevents+json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      if (config.routerToken() != null) {
        request.header("Authorization", "Bearer " + config.routerToken());
      }
      Duration wait = backoff;
      try {
        HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        int status = response.statusCode();
        if (status / 100 == 2) {
          delivered.increment();
          return;
        }
        if (status / 100 == 4 && status != 408 && status != 429) {
          droppedFailed.increment();
          log.error("event router refused {} {} with HTTP {}; not retrying", event.type(), event.id(), status);
          return;
        }
        wait = response.headers().firstValue("Retry-After").map(RouterPublisher::seconds).orElse(backoff);
        log.warn("event router answered HTTP {} for {} (attempt {}/{})", status, event.id(), attempt, config.maxAttempts());
      } catch (IOException e) {
        log.warn("event router unreachable for {} (attempt {}/{}): {}", event.id(), attempt, config.maxAttempts(), e.toString());
      }
      if (attempt < config.maxAttempts()) {
        retried.increment();
        long jittered = wait.toMillis() / 2 + ThreadLocalRandom.current().nextLong(wait.toMillis() / 2 + 1);
        Thread.sleep(jittered);
        backoff = backoff.multipliedBy(2).compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : backoff.multipliedBy(2);
      }
    }
    droppedFailed.increment();
    log.error("gave up delivering {} {} to the event router after {} attempts", event.type(), event.id(), config.maxAttempts());
  }

  private static Duration seconds(String retryAfter) {
    try {
      return Duration.ofSeconds(Math.min(Long.parseLong(retryAfter.trim()), 300));
    } catch (NumberFormatException e) {
      return Duration.ofSeconds(1);
    }
  }

  @Override
  public void start() {
    running = true;
    if (!enabled()) {
      log.info("no event router configured (vastmesh.registry.events.router-url): events reach in-process listeners only");
      return;
    }
    log.info("events go to the router by {}", redis != null ? "the Redis stream " + config.stream() : "HTTP at " + config.routerUrl());
    sender = Thread.ofPlatform().name("registry-event-sender").daemon().start(this::drain);
  }

  @Override
  public void stop() {
    running = false;
    if (sender != null) {
      try {
        sender.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (!buffer.isEmpty()) {
        log.warn("shutting down with {} events not yet delivered to the router", buffer.size());
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
