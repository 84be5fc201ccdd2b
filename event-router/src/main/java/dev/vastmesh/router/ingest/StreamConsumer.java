package dev.vastmesh.router.ingest;

import dev.vastmesh.events.EventCodec;
import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.EventStreams;
import dev.vastmesh.events.EventValidationException;
import dev.vastmesh.router.config.RouterProperties;
import dev.vastmesh.router.delivery.EventDispatcher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.PendingMessage;
import org.springframework.data.redis.connection.stream.PendingMessages;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Consumes the event stream with a consumer group, shared by every router: each entry goes to
 * one router, is dispatched, and is acknowledged only when all its deliveries have settled
 * (delivered or dead-lettered). Entries a crashed router left pending are taken over once they
 * have been idle for {@code claimIdle}; this router's own pending entries (after a restart under
 * the same consumer name) are read again first. Delivery is therefore at least once.
 *
 * <p>When the group is gone ({@code NOGROUP}: Redis restarted empty, or the stream was deleted),
 * the consumer recreates it from the start of whatever the stream now holds, so events appended
 * after the reset are delivered without a restart of the router; each such recovery is counted
 * and shown in health. Entries settled before the reset have nothing left to acknowledge.
 */
public final class StreamConsumer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(StreamConsumer.class);

  private final StringRedisTemplate redis;
  private final EventDispatcher dispatcher;
  private final RouterProperties.Redis config;
  private final String consumer;
  private final EventCodec codec = EventCodec.standard();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final Counter consumed;
  private final Counter rejected;
  private final Counter recoveries;
  private final StreamStatus status;
  private final StreamTrimmer trimmer;
  private final Duration readBlock;
  /** Settled entries waiting for their XACK: acknowledged in batches, one command for many. */
  private final LinkedBlockingQueue<String> settled = new LinkedBlockingQueue<>();
  private volatile boolean running;
  private @Nullable Thread reader;
  private @Nullable Thread acker;

  /**
   * @param commandTimeout the Redis client's command timeout: a blocking read waits at most half
   *     of it (and at most 1 s), or the wait itself would time out as a failure
   */
  public StreamConsumer(StringRedisTemplate redis, EventDispatcher dispatcher, RouterProperties.Redis config, MeterRegistry meters,
      StreamStatus status, Duration commandTimeout) {
    this.status = status;
    this.readBlock = blockWithin(commandTimeout);
    this.trimmer = new StreamTrimmer(redis, config, meters);
    this.redis = redis;
    this.dispatcher = dispatcher;
    this.config = config;
    this.consumer = config.consumer() != null ? config.consumer() : defaultConsumerName();
    this.consumed = Counter.builder("vastmesh.router.stream.consumed").description("Entries read from the event stream").register(meters);
    this.rejected = Counter.builder("vastmesh.router.stream.rejected").description("Stream entries that are not deliverable events").register(meters);
    this.recoveries = Counter.builder("vastmesh.router.stream.recoveries")
        .description("Consumer group recreated because it was gone (Redis restarted empty, or the stream was deleted)").register(meters);
  }

  private static String defaultConsumerName() {
    try {
      return InetAddress.getLocalHost().getHostName() + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    } catch (java.io.IOException e) {
      return "router-" + ManagementFactory.getRuntimeMXBean().getPid();
    }
  }

  @Override
  public void start() {
    createGroup();
    running = true;
    reader = Thread.ofPlatform().name("event-stream-consumer").daemon().start(this::run);
    acker = Thread.ofVirtual().name("event-stream-acker").start(this::acknowledgeSettled);
    log.info("consuming stream {} as {} in group {}", config.stream(), consumer, config.group());
  }

  /** Creates the group (and the stream) unless it exists; an existing group keeps its position. */
  private void createGroup() {
    try {
      redis.opsForStream().createGroup(config.stream(), ReadOffset.from("0"), config.group());
    } catch (RuntimeException e) {
      if (!mentions(e, "BUSYGROUP")) {
        throw e;
      }
    }
  }

  /**
   * The group vanished under us: everything the stream holds now was appended after the reset
   * and has been read by no one, so the new group starts at its beginning.
   */
  private void recoverGroup() {
    createGroup();
    recoveries.increment();
    status.recovered();
    log.warn("consumer group {} of stream {} was gone (Redis restarted empty?); recreated it from the stream's start",
        config.group(), config.stream());
  }

  private void run() {
    // First what this consumer name left pending before a restart, then new entries.
    boolean ownPendingRead = false;
    long lastClaim = 0;
    long lastTrim = 0;
    while (running) {
      try {
        if (!ownPendingRead) {
          read(ReadOffset.from("0"), Duration.ZERO);
          ownPendingRead = true;
        }
        if (System.nanoTime() - lastClaim > config.claimIdle().toNanos() / 2) {
          claimAbandoned();
          lastClaim = System.nanoTime();
        }
        if (System.nanoTime() - lastTrim > config.trimInterval().toNanos()) {
          trimmer.trim();
          lastTrim = System.nanoTime();
        }
        read(ReadOffset.lastConsumed(), readBlock);
        status.readOk();
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        if (mentions(e, "NOGROUP")) {
          try {
            recoverGroup();
            continue;
          } catch (RuntimeException again) {
            e = again;
          }
        }
        status.readFailed(e);
        log.warn("reading the event stream failed; retrying in 1 s: {}", e.toString());
        sleep();
      }
    }
  }

  private void read(ReadOffset offset, Duration block) {
    StreamReadOptions options = StreamReadOptions.empty().count(200);
    if (!block.isZero()) {
      options = options.block(block);
    }
    List<MapRecord<String, Object, Object>> records = redis.opsForStream()
        .read(Consumer.from(config.group(), consumer), options, StreamOffset.create(config.stream(), offset));
    if (records != null) {
      records.forEach(this::handle);
    }
  }

  /** Takes over entries another consumer has held, undelivered, for longer than claimIdle. */
  private void claimAbandoned() {
    PendingMessages pending = redis.opsForStream().pending(config.stream(), config.group(), Range.unbounded(), 500);
    List<RecordId> abandoned = pending.stream()
        .filter(p -> !p.getConsumerName().equals(consumer))
        .filter(p -> p.getElapsedTimeSinceLastDelivery().compareTo(config.claimIdle()) >= 0)
        .map(PendingMessage::getId).toList();
    if (abandoned.isEmpty()) {
      return;
    }
    List<MapRecord<String, Object, Object>> claimed = redis.opsForStream().claim(config.stream(), config.group(), consumer,
        config.claimIdle(), abandoned.toArray(RecordId[]::new));
    log.info("took over {} event(s) left pending by other routers", claimed.size());
    claimed.forEach(this::handle);
  }

  private void handle(MapRecord<String, Object, Object> record) {
    String streamId = record.getId().getValue();
    if (!inFlight.add(streamId)) {
      return;
    }
    consumed.increment();
    Object json = record.getValue().get(EventStreams.EVENT_FIELD);
    EventEnvelope event;
    byte[] bytes = String.valueOf(json).getBytes(StandardCharsets.UTF_8);
    try {
      event = codec.parse(bytes);
    } catch (EventValidationException e) {
      // A producer bug: retrying cannot fix it, and leaving it pending would block nothing but
      // would be claimed forever. Count, log, acknowledge.
      rejected.increment();
      log.error("stream entry {} is not a valid event and is dropped: {}", streamId, e.getMessage());
      ack(streamId);
      return;
    }
    try {
      // The producers wrote the canonical serialisation, and it just parsed and validated: the
      // same bytes go to the agents, with no second serialisation.
      dispatcher.dispatch(event, bytes, () -> ack(streamId));
    } catch (EventDispatcher.UnroutableException e) {
      rejected.increment();
      log.error("stream entry {} ({}) has no route and is dropped", streamId, event.type());
      ack(streamId);
    }
  }

  /** An entry is settled (delivered, dead-lettered or dropped): it is acknowledged with the next batch. */
  private void ack(String streamId) {
    settled.add(streamId);
  }

  /**
   * Sends the settled entries' XACKs, up to 500 per command: under load one round trip
   * acknowledges many deliveries instead of one each. An entry leaves {@code inFlight} only once
   * acknowledged, so a read of it meanwhile (a claim) does not deliver it again.
   */
  private void acknowledgeSettled() {
    List<String> batch = new ArrayList<>();
    while (running || !settled.isEmpty()) {
      try {
        String first = settled.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        settled.drainTo(batch, 499);
        redis.opsForStream().acknowledge(config.stream(), config.group(), batch.toArray(String[]::new));
        batch.forEach(inFlight::remove);
        batch.clear();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (mentions(e, "NOGROUP")) {
          // The group went with a reset: nothing of it is pending any more, so nothing to acknowledge.
          batch.forEach(inFlight::remove);
          batch.clear();
          continue;
        }
        // Unacknowledged entries stay pending and are read again: at least once, never lost.
        log.warn("acknowledging {} stream entries failed; they will be read again: {}", batch.size(), e.toString());
        settled.addAll(batch);
        batch.clear();
        sleep();
      }
    }
  }

  private static Duration blockWithin(Duration commandTimeout) {
    return Duration.ofMillis(Math.max(1, Math.min(1000, commandTimeout.toMillis() / 2)));
  }

  /** Whether Redis's error code (it may be wrapped several times) is {@code code}. */
  private static boolean mentions(Throwable e, String code) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (String.valueOf(t.getMessage()).contains(code)) {
        return true;
      }
    }
    return false;
  }

  private static void sleep() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void stop() {
    running = false;
    if (reader != null) {
      reader.interrupt();
    }
    if (acker != null) {
      try {
        // Let the acker send what is settled, so a clean stop leaves nothing to redeliver.
        acker.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
