package dev.vastmesh.router.ingest;

import dev.vastmesh.router.config.RouterProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.stream.PendingMessagesSummary;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamInfo;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Keeps the event stream to what some consumer group may still need: {@code XTRIM MINID} at the
 * oldest entry any group has pending or not yet read. An entry below that was acknowledged by
 * every group, and an entry is acknowledged only once all its deliveries settled — delivered, or
 * dead-lettered with the whole event copied into the dead-letter store, which is what replay
 * reads. So trimming takes nothing a delivery, a takeover or a replay needs. A stream without a
 * group is left alone: nobody has acknowledged anything yet.
 *
 * <p>The length is kept from the last pass, so scraping the gauge costs no Redis round trip.
 */
final class StreamTrimmer {

  private static final Logger log = LoggerFactory.getLogger(StreamTrimmer.class);

  private final StringRedisTemplate redis;
  private final String stream;
  private final AtomicLong length = new AtomicLong();

  StreamTrimmer(StringRedisTemplate redis, RouterProperties.Redis config, MeterRegistry meters) {
    this.redis = redis;
    this.stream = config.stream();
    Gauge.builder("vastmesh.router.stream.length", length, AtomicLong::get)
        .description("Entries in the event stream at the last trim (entries every group acknowledged are trimmed)")
        .register(meters);
  }

  /** One pass; returns the entries removed. Redis failures propagate to the caller's retry. */
  long trim() {
    RecordId floor = oldestNeeded();
    long removed = 0;
    if (floor != null) {
      byte[] key = stream.getBytes(StandardCharsets.UTF_8);
      byte[] minId = floor.getValue().getBytes(StandardCharsets.UTF_8);
      Object result = redis.execute((RedisCallback<Object>) connection ->
          connection.execute("XTRIM", key, "MINID".getBytes(StandardCharsets.US_ASCII), minId));
      removed = result instanceof Number n ? n.longValue() : 0;
      if (removed > 0) {
        log.debug("trimmed {} acknowledged entries from {}", removed, stream);
      }
    }
    Long size = redis.opsForStream().size(stream);
    length.set(size == null ? 0 : size);
    return removed;
  }

  /** The lowest id some group still needs, or null when there is no group (or no stream). */
  private @Nullable RecordId oldestNeeded() {
    StreamInfo.XInfoGroups groups;
    try {
      groups = redis.opsForStream().groups(stream);
    } catch (RuntimeException e) {
      if (String.valueOf(e.getMessage()).contains("no such key") || mentionsNoSuchKey(e)) {
        return null;
      }
      throw e;
    }
    if (groups == null || groups.isEmpty()) {
      return null;
    }
    RecordId floor = null;
    for (int i = 0; i < groups.size(); i++) {
      StreamInfo.XInfoGroup group = groups.get(i);
      RecordId needed = next(RecordId.of(group.lastDeliveredId()));
      if (group.pendingCount() > 0) {
        PendingMessagesSummary pending = redis.opsForStream().pending(stream, group.groupName());
        if (pending != null && pending.getTotalPendingMessages() > 0) {
          needed = RecordId.of(pending.minMessageId());
        }
      }
      if (floor == null || compare(needed, floor) < 0) {
        floor = needed;
      }
    }
    return floor;
  }

  private static boolean mentionsNoSuchKey(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("no such key")) {
        return true;
      }
    }
    return false;
  }

  /** The smallest id after {@code id}: everything up to and including {@code id} was read. */
  private static RecordId next(RecordId id) {
    return RecordId.of(id.getTimestamp(), id.getSequence() + 1);
  }

  private static int compare(RecordId a, RecordId b) {
    int byTime = Long.compare(a.getTimestamp(), b.getTimestamp());
    return byTime != 0 ? byTime : Long.compare(a.getSequence(), b.getSequence());
  }
}
