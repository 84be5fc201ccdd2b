package dev.vastmesh.registry.store;

import dev.vastmesh.registry.config.RegistryProperties;
import dev.vastmesh.registry.instance.Heartbeat;
import dev.vastmesh.registry.instance.InstanceEntry;
import dev.vastmesh.registry.instance.InstancePage;
import dev.vastmesh.registry.instance.InstanceQuery;
import dev.vastmesh.registry.instance.RegisteredInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registry state shared by replicas through Redis.
 *
 * <p>Redis holds the truth: a hash of instances (each value {@code revision|json}), a sorted set
 * of expiry times, the index and revision counters, and a change stream. Every write is one Lua
 * script that changes the state and appends to the stream atomically. Each replica keeps an
 * {@link InstanceView} of the whole registry, loaded from a snapshot and kept current by tailing
 * the stream, and serves reads from it; before a read it catches up to the revision Redis is at,
 * so a change made through any replica is visible through every replica right after it returns.
 * Heartbeats are compare-and-set on the entry's revision, retried on conflict.
 */
public final class RedisInstanceStore implements InstanceStore, SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RedisInstanceStore.class);
  private static final int MAX_CAS_ATTEMPTS = 64;

  private final StringRedisTemplate redis;
  private final JsonMapper json;
  private final RegistryProperties.Redis config;
  private final List<String> keys;
  private final String streamKey;
  private final String seqKey;
  private final DefaultRedisScript<List> put = script("put");
  private final DefaultRedisScript<List> remove = script("remove");
  private final DefaultRedisScript<List> expire = script("expire");
  private final DefaultRedisScript<List> snapshot = script("snapshot");

  private final InstanceView view = new InstanceView();
  private final ReentrantLock applied = new ReentrantLock();
  private final Condition appliedMoved = applied.newCondition();
  private volatile long appliedRevision;
  private volatile String lastStreamId = "0-0";
  private volatile boolean running;
  private @Nullable Thread tailer;

  public RedisInstanceStore(StringRedisTemplate redis, JsonMapper json, RegistryProperties.Redis config) {
    this.redis = redis;
    this.json = json;
    this.config = config;
    String prefix = config.keyPrefix();
    this.streamKey = prefix + "changes";
    this.seqKey = prefix + "seq";
    this.keys = List.of(prefix + "instances", prefix + "expiry", prefix + "index", seqKey, streamKey);
  }

  @Override
  public Upserted upsert(RegisteredInstance instance, String tokenHash) {
    List<?> result = redis.execute(put, keys, String.valueOf(instance.instanceId()), "*",
        write(new InstanceEntry(instance, tokenHash, 0)), score(instance), "1", maxLength());
    InstanceEntry current = new InstanceEntry(instance, tokenHash, number(result.get(0)));
    InstanceEntry previous = result.size() > 2 && result.get(2) != null ? read((String) result.get(2)) : null;
    view.put(current);
    view.advanceIndex(number(result.get(1)));
    return new Upserted(previous, current);
  }

  @Override
  public Optional<Updated> heartbeat(long instanceId, Instant now, Heartbeat heartbeat, boolean renewExpired) {
    String id = String.valueOf(instanceId);
    for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      Object stored = redis.opsForHash().get(keys.get(0), id);
      if (stored == null) {
        return Optional.empty();
      }
      InstanceEntry before = read((String) stored);
      Optional<InstanceEntry> renewed = Heartbeats.apply(before, now, heartbeat, renewExpired);
      if (renewed.isEmpty()) {
        return Optional.empty();
      }
      InstanceEntry after = renewed.get();
      List<?> result = redis.execute(put, keys, id, String.valueOf(before.revision()), write(after),
          score(after.instance()), Heartbeats.movesIndex(before, after) ? "1" : "0", maxLength());
      if (number(result.get(0)) >= 0) {
        InstanceEntry current = after.withRevision(number(result.get(0)));
        view.put(current);
        view.advanceIndex(number(result.get(1)));
        return Optional.of(new Updated(before, current));
      }
      backOff(attempt);
    }
    throw new IllegalStateException("heartbeat of instance " + instanceId + " lost " + MAX_CAS_ATTEMPTS + " races in a row");
  }

  @Override
  public Optional<InstanceEntry> remove(long instanceId) {
    List<?> result = redis.execute(remove, keys, String.valueOf(instanceId), maxLength());
    long revision = number(result.get(0));
    if (revision == 0) {
      return Optional.empty();
    }
    view.remove(instanceId, revision);
    view.advanceIndex(number(result.get(1)));
    return Optional.of(read((String) result.get(2)));
  }

  @Override
  public List<InstanceEntry> expire(Instant now, int max) {
    List<?> result = redis.execute(expire, keys, String.valueOf(now.toEpochMilli()), String.valueOf(max), maxLength());
    List<InstanceEntry> expired = new ArrayList<>(result.size());
    for (Object value : result) {
      expired.add(read((String) value));
    }
    // The view learns of these removals from the stream, in order, with their revisions.
    return expired;
  }

  @Override
  public Optional<InstanceEntry> get(long instanceId) {
    catchUp();
    return view.get(instanceId);
  }

  @Override
  public InstancePage list(InstanceQuery query) {
    catchUp();
    return view.list(query);
  }

  @Override
  public Collection<RegisteredInstance> all() {
    return view.all();
  }

  @Override
  public Census census(Instant now) {
    Long total = redis.opsForHash().size(keys.get(0));
    Long expired = redis.opsForZSet().count(keys.get(1), Double.NEGATIVE_INFINITY, now.toEpochMilli());
    return new Census(total == null ? 0 : total.intValue(), expired == null ? 0 : expired.intValue());
  }

  @Override
  public long index() {
    catchUp();
    return view.index();
  }

  @Override
  public int watchers() {
    return view.watchers();
  }

  @Override
  public long awaitIndexAbove(long index, Duration wait) throws InterruptedException {
    long now = view.awaitIndexAbove(index, wait);
    catchUp();
    return Math.max(now, view.index());
  }

  /** Waits until this replica has applied every change Redis had when the read began. */
  private void catchUp() {
    String target = redis.opsForValue().get(seqKey);
    long wanted = target == null ? 0 : Long.parseLong(target);
    if (appliedRevision >= wanted) {
      return;
    }
    long remaining = config.readSyncTimeout().toNanos();
    applied.lock();
    try {
      while (appliedRevision < wanted && remaining > 0) {
        remaining = appliedMoved.awaitNanos(remaining);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      applied.unlock();
    }
    if (appliedRevision < wanted) {
      log.warn("replica is behind Redis (applied revision {}, Redis at {}); answering from the view", appliedRevision, wanted);
    }
  }

  private void loadSnapshot() {
    List<?> result = redis.execute(snapshot, keys);
    view.clear();
    for (Object value : (List<?>) result.get(3)) {
      view.put(read((String) value));
    }
    lastStreamId = (String) result.get(0);
    setApplied(Long.parseLong((String) result.get(1)));
    view.advanceIndex(Long.parseLong((String) result.get(2)));
    log.info("registry snapshot loaded from Redis: {} instances, revision {}", view.size(), appliedRevision);
  }

  private void tail() {
    while (running) {
      try {
        List<MapRecord<String, Object, Object>> records = redis.opsForStream().read(
            StreamReadOptions.empty().block(Duration.ofSeconds(1)).count(1000),
            StreamOffset.create(streamKey, ReadOffset.from(lastStreamId)));
        if (records == null) {
          continue;
        }
        for (MapRecord<String, Object, Object> record : records) {
          if (!apply(record.getValue())) {
            log.warn("gap in the registry change stream after revision {}; reloading the snapshot", appliedRevision);
            loadSnapshot();
            break;
          }
          lastStreamId = record.getId().getValue();
        }
      } catch (RuntimeException e) {
        if (running) {
          log.warn("reading the registry change stream failed; retrying in 1 s: {}", e.toString());
          sleepQuietly();
        }
      }
    }
  }

  /** Applies one change in stream order; false when a change is missing before it. */
  private boolean apply(Map<Object, Object> change) {
    long revision = Long.parseLong((String) change.get("seq"));
    if (revision <= appliedRevision) {
      return true;
    }
    if (revision != appliedRevision + 1) {
      return false;
    }
    long id = Long.parseLong((String) change.get("id"));
    if ("put".equals(change.get("op"))) {
      view.put(read((String) change.get("value")));
    } else {
      view.remove(id, revision);
    }
    view.advanceIndex(Long.parseLong((String) change.get("index")));
    setApplied(revision);
    return true;
  }

  private void setApplied(long revision) {
    applied.lock();
    try {
      appliedRevision = revision;
      appliedMoved.signalAll();
    } finally {
      applied.unlock();
    }
  }

  private InstanceEntry read(String stored) {
    int bar = stored.indexOf('|');
    InstanceEntry entry = json.readValue(stored.substring(bar + 1), InstanceEntry.class);
    return entry.withRevision(Long.parseLong(stored.substring(0, bar)));
  }

  private String write(InstanceEntry entry) {
    return json.writeValueAsString(entry);
  }

  private static String score(RegisteredInstance instance) {
    return String.valueOf(instance.expiresAt().toEpochMilli());
  }

  private String maxLength() {
    return String.valueOf(config.changeLogLength());
  }

  private static long number(Object value) {
    return ((Number) value).longValue();
  }

  @SuppressWarnings("rawtypes")
  private static DefaultRedisScript<List> script(String name) {
    DefaultRedisScript<List> script = new DefaultRedisScript<>();
    script.setLocation(new ClassPathResource("redis/" + name + ".lua"));
    script.setResultType(List.class);
    return script;
  }

  /** Lost a compare-and-set race: wait a random moment so racing writers spread out. */
  private static void backOff(int attempt) {
    if (attempt < 2) {
      return;
    }
    try {
      Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(Math.min(attempt, 20) + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying a heartbeat", e);
    }
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void start() {
    loadSnapshot();
    running = true;
    tailer = Thread.ofPlatform().name("registry-change-tailer").daemon().start(this::tail);
  }

  @Override
  public void stop() {
    running = false;
    if (tailer != null) {
      tailer.interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
