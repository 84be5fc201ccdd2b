package dev.vastmesh.costmonitor.events;

import dev.vastmesh.costmonitor.config.CostMonitorProperties;
import dev.vastmesh.events.EventCodec;
import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.transport.Backoff;
import dev.vastmesh.transport.EventSender;
import dev.vastmesh.transport.RetryingPublisher;
import dev.vastmesh.transport.SendResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The cost events to the router through event-transport's retrying publisher (a bounded buffer,
 * one sender thread, back-off): by HTTP with the router token, or the Redis stream. Without a
 * sender the events are counted as dropped, never silently.
 */
public final class RouterEventSink implements EventSink, SmartLifecycle, RetryingPublisher.Listener {

  private static final Logger log = LoggerFactory.getLogger(RouterEventSink.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);
  private static final String PUBLISHED = "Cost events, by outcome: delivered to the router, or dropped (no router, buffer full, undeliverable)";

  private final @Nullable RetryingPublisher publisher;
  private final String where;
  private final Counter delivered;
  private final Counter droppedNoRouter;
  private final Counter droppedOverflow;
  private final Counter droppedFailed;
  private volatile boolean running;

  public RouterEventSink(@Nullable EventSender sender, String where, CostMonitorProperties.Events config, MeterRegistry meters) {
    this.where = where;
    this.publisher = sender == null ? null : new RetryingPublisher("cost-event-sender", sender, config.bufferSize(), config.maxAttempts(),
        Backoff.exponential(config.initialBackoff(), config.maxBackoff()), EventCodec.standard(), this);
    String name = "vastmesh.cost.events.published";
    this.delivered = Counter.builder(name).tag("outcome", "delivered").description(PUBLISHED).register(meters);
    this.droppedNoRouter = Counter.builder(name).tag("outcome", "dropped_no_router").description(PUBLISHED).register(meters);
    this.droppedOverflow = Counter.builder(name).tag("outcome", "dropped_buffer_full").description(PUBLISHED).register(meters);
    this.droppedFailed = Counter.builder(name).tag("outcome", "dropped_undeliverable").description(PUBLISHED).register(meters);
  }

  @Override
  public void publish(EventEnvelope event) {
    if (publisher == null) {
      droppedNoRouter.increment();
      return;
    }
    publisher.publish(event);
  }

  @Override
  public void delivered(EventEnvelope event) {
    delivered.increment();
  }

  @Override
  public void retrying(EventEnvelope event, int attempt, SendResult.Retryable result, Duration wait) {
    log.warn("cost event {} not yet at the router (attempt {}, next in {}): {}", event.id(), attempt, wait, result.reason());
  }

  @Override
  public void refused(EventEnvelope event, SendResult.Refused result) {
    dropped(droppedFailed, event, "refused with HTTP " + result.status());
  }

  @Override
  public void gaveUp(EventEnvelope event, int attempts, SendResult.Retryable last) {
    dropped(droppedFailed, event, attempts + " attempts failed, the last: " + last.reason());
  }

  @Override
  public void overflowed(EventEnvelope event) {
    dropped(droppedOverflow, event, "the buffer is full");
  }

  private static void dropped(Counter counter, EventEnvelope event, String why) {
    counter.increment();
    log.error("cost event {} {} dropped: {}", event.type().wireName(), event.id(), why);
  }

  @Override
  public void start() {
    running = true;
    if (publisher == null) {
      log.info("no event router configured (vastmesh.cost-monitor.events.router-url): cost events are counted and dropped");
      return;
    }
    log.info("cost events go to the router by {}", where);
    publisher.start();
  }

  @Override
  public void stop() {
    running = false;
    if (publisher != null) {
      int left = publisher.stop(STOP_GRACE);
      if (left > 0) {
        log.warn("shutting down with {} cost events not yet delivered", left);
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
