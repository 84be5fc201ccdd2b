package dev.vastmesh.registry.store;

import dev.vastmesh.registry.config.RegistryProperties;
import dev.vastmesh.registry.instance.Authority;
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
import java.util.concurrent.atomic.AtomicLong;
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
 * Heartbeats are compare-and-set on the entry's revision, retried on conflict. A write on an
 * instance token's authority checks the token hash in the same atomic step: the remove script
 * compares it, a heartbeat compares it on the entry its compare-and-set replaces.
 *
 * <p>Redis may come back empty (restarted without persistence) or lose the stream. The revision
 * counter then starts again below what this replica applied: a write answering a revision at or
 * below the applied one, a change-stream entry at or below it, or Redis's counter behind it each
 * prove a reset. The replica then drops its view and reloads the snapshot — so it neither skips
 * the changes made after the reset nor keeps instances Redis no longer has — and raises Redis's
 * index past every index it has served, so watchers see it move forward, never back.
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

  private final Duration tailBlock;
  private final InstanceView view = new InstanceView();
  private final ReentrantLock applied = new ReentrantLock();
  private final Condition appliedMoved = applied.newCondition();
  private volatile long appliedRevision;
  /** Moves on every snapshot load: what was observed before it may no longer hold. */
  private volatile long generation;
  private volatile String lastStreamId = "0-0";
  /** Held while the view is changed from Redis (tailing, reloading), so the two never interleave. */
  private final ReentrantLock replicating = new ReentrantLock();
  private final AtomicLong resets = new AtomicLong();
  private volatile @Nullable Instant lastReset;
  private volatile boolean running;
  private @Nullable Thread tailer;

  public RedisInstanceStore(StringRedisTemplate redis, JsonMapper json, RegistryProperties.Redis config) {
    this(redis, json, config, Duration.ofSeconds(1));
  }

  /**
   * @param tailBlock how long one read of the change stream blocks; under the client's command
   *     timeout, or a quiet stream would read as a failed command
   */
  public RedisInstanceStore(StringRedisTemplate redis, JsonMapper json, RegistryProperties.Redis config, Duration tailBlock) {
    this.tailBlock = tailBlock;
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
    Observed before = observe();
    List<?> result = redis.execute(put, keys, String.valueOf(instance.instanceId()), "*",
        write(new InstanceEntry(instance, tokenHash, 0)), score(instance), "1", maxLength());
    InstanceEntry current = new InstanceEntry(instance, tokenHash, number(result.get(0)));
    InstanceEntry previous = result.size() > 2 && result.get(2) != null ? read((String) result.get(2)) : null;
    applyOwn(before, number(result.get(0)), () -> {
      view.put(current);
      view.advanceIndex(number(result.get(1)));
    });
    return new Upserted(previous, current);
  }

  /**
   * The authority is checked on the entry as read, and the write is a compare-and-set on that
   * entry's revision: a registration replacing it in between changes the revision, so the check
   * is made again on what replaced it.
   */
  @Override
  public Guarded<Updated> heartbeat(long instanceId, Authority authority, Instant now, Heartbeat heartbeat,
      boolean renewExpired) {
    String id = String.valueOf(instanceId);
    for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      Object stored = redis.opsForHash().get(keys.get(0), id);
      InstanceEntry before = stored == null ? null : read((String) stored);
      if (!authority.mayWrite(before)) {
        return new Guarded.NotHolder<>();
      }
      if (before == null) {
        return new Guarded.Missing<>();
      }
      Optional<InstanceEntry> renewed = Heartbeats.apply(before, now, heartbeat, renewExpired);
      if (renewed.isEmpty()) {
        return new Guarded.Missing<>();
      }
      InstanceEntry after = renewed.get();
      Observed observed = observe();
      List<?> result = redis.execute(put, keys, id, String.valueOf(before.revision()), write(after),
          score(after.instance()), Heartbeats.movesIndex(before, after) ? "1" : "0", maxLength());
      if (number(result.get(0)) >= 0) {
        InstanceEntry current = after.withRevision(number(result.get(0)));
        applyOwn(observed, current.revision(), () -> {
          view.put(current);
          view.advanceIndex(number(result.get(1)));
        });
        return new Guarded.Applied<>(new Updated(before, current));
      }
      backOff(attempt);
    }
    throw new IllegalStateException("heartbeat of instance " + instanceId + " lost " + MAX_CAS_ATTEMPTS + " races in a row");
  }

  @Override
  public Guarded<InstanceEntry> remove(long instanceId, Authority authority) {
    String requiredHash = switch (authority) {
      case Authority.Service service -> "*";
      case Authority.InstanceToken token -> token.tokenHash();
    };
    Observed before = observe();
    List<?> result = redis.execute(remove, keys, String.valueOf(instanceId), maxLength(), requiredHash);
    long revision = number(result.get(0));
    if (revision < 0) {
      return new Guarded.NotHolder<>();
    }
    if (revision == 0) {
      return new Guarded.Missing<>();
    }
    applyOwn(before, revision, () -> {
      view.remove(instanceId, revision);
      view.advanceIndex(number(result.get(1)));
    });
    return new Guarded.Applied<>(read((String) result.get(2)));
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

  /** The applied revision and the snapshot generation, taken before a command is sent. */
  private record Observed(long applied, long generation) {
  }

  private Observed observe() {
    return new Observed(appliedRevision, generation);
  }

  /**
   * A write of this replica's own. Its revision was taken from Redis's counter after
   * {@code before} was observed, so it is above the revision applied then, unless Redis was
   * reset in between. Then the view is reloaded (which includes this write) instead.
   */
  private void applyOwn(Observed before, long revision, Runnable change) {
    if (revision <= before.applied()) {
      resynchronise(before, "a write got revision " + revision + ", at or below the applied " + before.applied());
      return;
    }
    change.run();
  }

  /**
   * The revision Redis is at, or -1 when that is behind what this replica applied (read before
   * asking, and revisions only grow): Redis was reset, and the view has just been reloaded.
   */
  private long redisRevisionChecked() {
    Observed before = observe();
    String target = redis.opsForValue().get(seqKey);
    long wanted = target == null ? 0 : Long.parseLong(target);
    if (wanted < before.applied()) {
      resynchronise(before, "Redis is at revision " + wanted + ", behind the applied " + before.applied());
      return -1;
    }
    return wanted;
  }

  /** Waits until this replica has applied every change Redis had when the read began. */
  private void catchUp() {
    long wanted = redisRevisionChecked();
    if (wanted < 0) {
      return;
    }
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

  /**
   * Redis was reset under this replica: count it, then reload the view from what Redis has now.
   * When another thread reloaded since {@code before} was observed, that reload already read
   * the Redis after the reset, and this one is not repeated.
   */
  private void resynchronise(Observed before, String evidence) {
    replicating.lock();
    try {
      if (generation != before.generation()) {
        return;
      }
      resets.incrementAndGet();
      lastReset = Instant.now();
      log.warn("Redis was reset under this replica ({}); reloading the registry view", evidence);
      loadSnapshot(view.index() + 1);
    } finally {
      replicating.unlock();
    }
  }

  private void loadSnapshot() {
    loadSnapshot(0);
  }

  /** @param indexFloor Redis's index is raised to at least this first (0: left as it is) */
  private void loadSnapshot(long indexFloor) {
    List<?> result = redis.execute(snapshot, keys, String.valueOf(indexFloor));
    view.clear();
    for (Object value : (List<?>) result.get(3)) {
      view.put(read((String) value));
    }
    lastStreamId = (String) result.get(0);
    setApplied(Long.parseLong((String) result.get(1)));
    view.advanceIndex(Long.parseLong((String) result.get(2)));
    generation++;
    log.info("registry snapshot loaded from Redis: {} instances, revision {}", view.size(), appliedRevision);
  }

  private void tail() {
    while (running) {
      try {
        Observed before = observe();
        List<MapRecord<String, Object, Object>> records = redis.opsForStream().read(
            StreamReadOptions.empty().block(tailBlock).count(1000),
            StreamOffset.create(streamKey, ReadOffset.from(lastStreamId)));
        if (records == null || records.isEmpty()) {
          // Quiet: check Redis did not restart empty under us with nothing written since.
          redisRevisionChecked();
          continue;
        }
        replicating.lock();
        try {
          if (generation != before.generation()) {
            // Reloaded while this read was in flight: the records predate the snapshot's position.
            continue;
          }
          for (MapRecord<String, Object, Object> record : records) {
            Change change = apply(record.getValue());
            if (change == Change.GAP) {
              log.warn("gap in the registry change stream after revision {}; reloading the snapshot", appliedRevision);
              loadSnapshot();
              break;
            }
            if (change == Change.RESET) {
              resynchronise(before, "the change stream went back to revision " + record.getValue().get("seq")
                  + " after the applied " + appliedRevision);
              break;
            }
            lastStreamId = record.getId().getValue();
          }
        } finally {
          replicating.unlock();
        }
      } catch (RuntimeException e) {
        if (running) {
          log.warn("reading the registry change stream failed; retrying in 1 s: {}", e.toString());
          sleepQuietly();
        }
      }
    }
  }

  private enum Change { APPLIED, GAP, RESET }

  /**
   * Applies one change in stream order. The tailer reads each entry once, after the position of
   * the snapshot it loaded, so an entry at or below the applied revision can only come from a
   * Redis whose counter started again: a reset.
   */
  private Change apply(Map<Object, Object> change) {
    long revision = Long.parseLong((String) change.get("seq"));
    if (revision <= appliedRevision) {
      return Change.RESET;
    }
    if (revision != appliedRevision + 1) {
      return Change.GAP;
    }
    long id = Long.parseLong((String) change.get("id"));
    if ("put".equals(change.get("op"))) {
      view.put(read((String) change.get("value")));
    } else {
      view.remove(id, revision);
    }
    view.advanceIndex(Long.parseLong((String) change.get("index")));
    setApplied(revision);
    return Change.APPLIED;
  }

  /** How many times this replica found Redis reset and reloaded its view. */
  public long resets() {
    return resets.get();
  }

  @Override
  public Map<String, Object> healthDetails() {
    Map<String, Object> details = new java.util.LinkedHashMap<>();
    details.put("appliedRevision", appliedRevision);
    details.put("storeResets", resets.get());
    if (lastReset != null) {
      details.put("lastStoreReset", String.valueOf(lastReset));
    }
    return details;
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
