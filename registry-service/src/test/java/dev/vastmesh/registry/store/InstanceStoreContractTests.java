package dev.vastmesh.registry.store;

import static dev.vastmesh.registry.support.Instances.all;
import static dev.vastmesh.registry.support.Instances.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.registry.instance.Authority;
import dev.vastmesh.registry.instance.Heartbeat;
import dev.vastmesh.registry.instance.InstanceEntry;
import dev.vastmesh.registry.instance.InstancePage;
import dev.vastmesh.registry.instance.InstanceQuery;
import dev.vastmesh.registry.instance.InstanceStatus;
import dev.vastmesh.registry.instance.RegisteredInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every instance store must have. Each implementation runs this suite: the
 * in-memory store, and the Redis store against a real Redis.
 */
abstract class InstanceStoreContractTests {

  static final Instant T0 = Instant.parse("2026-01-04T12:00:00Z");

  InstanceStore store;

  /** A fresh, empty store. */
  abstract InstanceStore newStore();

  /** Releases what {@link #newStore()} started. */
  void close(InstanceStore store) {
  }

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    close(store);
  }

  @Test
  void registeredInstanceCanBeReadBack() {
    RegisteredInstance instance = instance(29484611L, T0, 300);

    InstanceStore.Upserted upserted = store.upsert(instance, "hash-1");

    assertThat(upserted.previous()).isNull();
    assertThat(store.get(29484611L)).map(InstanceEntry::instance).contains(instance);
    assertThat(store.get(29484611L)).map(InstanceEntry::tokenHash).contains("hash-1");
  }

  @Test
  void registeringAgainReplacesInPlaceAndReturnsThePrevious() {
    store.upsert(instance(7, T0, 300), "old");
    RegisteredInstance changed = instance(7, T0.plusSeconds(5), 300, "staging", InstanceStatus.BUSY, List.of("x"), Map.of());

    InstanceStore.Upserted upserted = store.upsert(changed, "new");

    assertThat(upserted.previous().tokenHash()).isEqualTo("old");
    assertThat(store.list(all(T0)).instances()).containsExactly(changed);
    assertThat(store.get(7).orElseThrow().tokenHash()).isEqualTo("new");
  }

  @Test
  void listAppliesEveryFilterAsAllOf() {
    store.upsert(instance(1, T0, 300, "prod", InstanceStatus.READY, List.of("inference", "embeddings"), Map.of("team", "search")), "h");
    store.upsert(instance(2, T0, 300, "prod", InstanceStatus.READY, List.of("inference"), Map.of("team", "ads")), "h");
    store.upsert(instance(3, T0, 300, "staging", InstanceStatus.READY, List.of("inference", "embeddings"), Map.of("team", "search")), "h");
    store.upsert(instance(4, T0, 300, "prod", InstanceStatus.DEGRADED, List.of("inference", "embeddings"), Map.of()), "h");

    assertThat(ids(query("prod", InstanceStatus.READY, List.of(), Map.of()))).containsExactly(1L, 2L);
    assertThat(ids(query(null, null, List.of("inference", "embeddings"), Map.of()))).containsExactly(1L, 3L, 4L);
    assertThat(ids(query("prod", InstanceStatus.READY, List.of("embeddings"), Map.of()))).containsExactly(1L);
    assertThat(ids(query(null, null, List.of(), Map.of("team", "search")))).containsExactly(1L, 3L);
    Map<String, String> keyOnly = new HashMap<>();
    keyOnly.put("team", null);
    assertThat(ids(query(null, null, List.of(), keyOnly))).containsExactly(1L, 2L, 3L);
    assertThat(ids(query("nowhere", null, List.of(), Map.of()))).isEmpty();
  }

  @Test
  void filtersFollowChangesOfStatusEnvironmentAndGpu() {
    store.upsert(instance(1, T0, 300), "h");
    store.heartbeat(1, T0.plusSeconds(1), new Heartbeat(InstanceStatus.BUSY, null, null, null, null), false);

    assertThat(ids(query(null, InstanceStatus.READY, List.of(), Map.of()))).isEmpty();
    assertThat(ids(query(null, InstanceStatus.BUSY, List.of(), Map.of()))).containsExactly(1L);

    store.upsert(instance(1, T0, 300, "staging", InstanceStatus.READY, List.of(), Map.of()), "h");
    assertThat(ids(query("prod", null, List.of(), Map.of()))).isEmpty();
    assertThat(ids(query("staging", InstanceStatus.READY, List.of(), Map.of()))).containsExactly(1L);
    assertThat(ids(query(null, InstanceStatus.BUSY, List.of(), Map.of()))).isEmpty();

    store.remove(1);
    assertThat(ids(query("staging", null, List.of(), Map.of()))).isEmpty();
  }

  @Test
  void pagesFollowIdOrderWithoutGapsOrRepeats() {
    for (long id = 50; id >= 1; id--) {
      store.upsert(instance(id, T0, 300), "h");
    }
    List<Long> seen = new ArrayList<>();
    long after = Long.MIN_VALUE;
    InstancePage page;
    do {
      page = store.list(new InstanceQuery(null, null, InstanceStatus.READY, List.of(), null, Map.of(), after, 7, T0, false));
      page.instances().forEach(i -> seen.add(i.instanceId()));
      if (!page.instances().isEmpty()) {
        after = page.instances().getLast().instanceId();
      }
    } while (page.hasMore());

    assertThat(seen).hasSize(50).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void instanceExpiresExactlyAtLastHeartbeatPlusTtl() {
    store.upsert(instance(9, T0, 60), "h");

    assertThat(ids(all(T0.plusSeconds(60).minusMillis(1)))).containsExactly(9L);
    assertThat(ids(all(T0.plusSeconds(60)))).isEmpty();
    assertThat(store.expire(T0.plusSeconds(60).minusMillis(1), 100)).isEmpty();
    assertThat(store.expire(T0.plusSeconds(60), 100)).extracting(InstanceEntry::id).containsExactly(9L);
    assertThat(store.get(9)).isEmpty();
  }

  @Test
  void heartbeatMovesExpiryToExactlyTtlAfterIt() {
    store.upsert(instance(9, T0, 60), "h");

    InstanceStore.Updated updated = store.heartbeat(9, T0.plusSeconds(50), Heartbeat.EMPTY, false).orElseThrow();

    assertThat(updated.current().instance().lastHeartbeat()).isEqualTo(T0.plusSeconds(50));
    assertThat(updated.current().instance().expiresAt()).isEqualTo(T0.plusSeconds(110));
    assertThat(store.expire(T0.plusSeconds(109), 100)).isEmpty();
    assertThat(store.expire(T0.plusSeconds(110), 100)).hasSize(1);
  }

  @Test
  void heartbeatReportsStatusAndLoad() {
    store.upsert(instance(9, T0, 60), "h");

    store.heartbeat(9, T0.plusSeconds(1), new Heartbeat(InstanceStatus.DEGRADED, 12.5, 800.0, 3, "slow"), false);

    RegisteredInstance after = store.get(9).orElseThrow().instance();
    assertThat(after.status()).isEqualTo(InstanceStatus.DEGRADED);
    assertThat(after.curLoad()).isEqualTo(12.5);
    assertThat(after.maxPerf()).isEqualTo(800.0);
    assertThat(after.requestsWorking()).isEqualTo(3);
    assertThat(after.healthNote()).isEqualTo("slow");
  }

  @Test
  void heartbeatForUnknownOrExpiredInstanceIsRefused() {
    store.upsert(instance(9, T0, 60), "h");

    assertThat(store.heartbeat(10, T0, Heartbeat.EMPTY, false)).isEmpty();
    assertThat(store.heartbeat(9, T0.plusSeconds(60), Heartbeat.EMPTY, false)).isEmpty();
    assertThat(store.heartbeat(9, T0.plusSeconds(60), Heartbeat.EMPTY, true)).isPresent();
  }

  @Test
  void indexNeverGoesBackAndMovesOnMembershipAndStatusButNotPlainHeartbeats() {
    long start = store.index();
    store.upsert(instance(1, T0, 60), "h");
    long afterRegister = store.index();
    store.heartbeat(1, T0.plusSeconds(1), Heartbeat.EMPTY, false);
    long afterPlainHeartbeat = store.index();
    store.heartbeat(1, T0.plusSeconds(2), new Heartbeat(InstanceStatus.BUSY, null, null, null, null), false);
    long afterStatusChange = store.index();
    store.remove(1);
    long afterRemove = store.index();

    assertThat(afterRegister).isGreaterThan(start);
    assertThat(afterPlainHeartbeat).isEqualTo(afterRegister);
    assertThat(afterStatusChange).isGreaterThan(afterPlainHeartbeat);
    assertThat(afterRemove).isGreaterThan(afterStatusChange);
  }

  @Test
  void watchWakesOnAChangeAndTimesOutWithoutOne() throws Exception {
    long index = store.index();
    long started = System.nanoTime();
    assertThat(store.awaitIndexAbove(index, Duration.ofMillis(200))).isEqualTo(index);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(190));

    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<Long> watch = executor.submit(() -> store.awaitIndexAbove(index, Duration.ofSeconds(30)));
      await().until(() -> store.watchers() == 1);
      assertThat(watch.isDone()).isFalse();
      store.upsert(instance(5, T0, 60), "h");
      assertThat(watch.get(10, TimeUnit.SECONDS)).isGreaterThan(index);
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void anInstanceTokenWritesOnlyTheRecordThatHoldsIt() {
    store.upsert(instance(4, T0, 60), "hash-of-4");
    Authority other = new Authority.InstanceToken("hash-of-another");

    assertThat(store.heartbeat(4, other, T0.plusSeconds(1), Heartbeat.EMPTY, false)).isInstanceOf(Guarded.NotHolder.class);
    assertThat(store.remove(4, other)).isInstanceOf(Guarded.NotHolder.class);
    assertThat(store.heartbeat(5, other, T0, Heartbeat.EMPTY, false)).isInstanceOf(Guarded.NotHolder.class);
    assertThat(store.remove(5, other)).isInstanceOf(Guarded.NotHolder.class);
    assertThat(store.get(4).orElseThrow().instance().lastHeartbeat()).isEqualTo(T0);

    Authority own = new Authority.InstanceToken("hash-of-4");
    assertThat(store.heartbeat(4, own, T0.plusSeconds(60), Heartbeat.EMPTY, false)).isInstanceOf(Guarded.Missing.class);
    assertThat(store.heartbeat(4, own, T0.plusSeconds(1), Heartbeat.EMPTY, false)).isInstanceOf(Guarded.Applied.class);
    assertThat(store.remove(4, own)).isInstanceOf(Guarded.Applied.class);
    assertThat(store.remove(4, Authority.SERVICE)).isInstanceOf(Guarded.Missing.class);
    assertThat(store.heartbeat(4, Authority.SERVICE, T0, Heartbeat.EMPTY, false)).isInstanceOf(Guarded.Missing.class);
  }

  @Test
  void aTokenReplacedByANewRegistrationWritesNothing() {
    store.upsert(instance(4, T0, 60), "first");
    store.upsert(instance(4, T0.plusSeconds(1), 60), "second");
    Authority stale = new Authority.InstanceToken("first");

    assertThat(store.heartbeat(4, stale, T0.plusSeconds(2), Heartbeat.EMPTY, false)).isInstanceOf(Guarded.NotHolder.class);
    assertThat(store.remove(4, stale)).isInstanceOf(Guarded.NotHolder.class);
    assertThat(store.get(4)).map(InstanceEntry::tokenHash).contains("second");
  }

  /**
   * The token is checked in the write's atomic step: removals and heartbeats on a token the
   * instance never held, racing its registration, change nothing however they interleave.
   */
  @Test
  void writesOnAForeignTokenRacingARegistrationChangeNothing() throws Exception {
    Authority forged = new Authority.InstanceToken("forged");
    ExecutorService attackers = Executors.newFixedThreadPool(2);
    try {
      for (long id = 100; id < 600; id++) {
        long target = id;
        AtomicBoolean registered = new AtomicBoolean();
        Future<?> removing = attackers.submit(() -> {
          while (!registered.get()) {
            store.remove(target, forged);
          }
        });
        Future<?> heartbeating = attackers.submit(() -> {
          while (!registered.get()) {
            store.heartbeat(target, forged, T0.plusSeconds(1), new Heartbeat(InstanceStatus.BUSY, null, null, null, null), false);
          }
        });
        store.upsert(instance(target, T0, 60), "real");
        registered.set(true);
        removing.get(10, TimeUnit.SECONDS);
        heartbeating.get(10, TimeUnit.SECONDS);
        assertThat(store.get(target)).as("instance %d", target).map(entry -> entry.instance().status())
            .contains(InstanceStatus.READY);
      }
    } finally {
      attackers.shutdownNow();
    }
  }

  @Test
  void removeReturnsTheInstanceOnce() {
    store.upsert(instance(3, T0, 60), "h");

    assertThat(store.remove(3)).map(InstanceEntry::id).contains(3L);
    assertThat(store.remove(3)).isEmpty();
    assertThat(store.get(3)).isEmpty();
    assertThat(store.list(all(T0)).instances()).isEmpty();
  }

  @Test
  void censusCountsExpired() {
    store.upsert(instance(1, T0, 60), "h");
    store.upsert(instance(2, T0, 120), "h");

    assertThat(store.census(T0.plusSeconds(90))).isEqualTo(new InstanceStore.Census(2, 1));
  }

  @Test
  void concurrentWritersLoseNothing() throws Exception {
    int threads = 8;
    int perThread = 50;
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int base = t * perThread;
      futures.add(executor.submit(() -> {
        start.await();
        for (int i = 1; i <= perThread; i++) {
          store.upsert(instance(base + i, T0, 60), "h");
          store.heartbeat(base + i, T0.plusSeconds(10), new Heartbeat(null, (double) i, null, null, null), false);
          store.heartbeat(1, T0.plusSeconds(i), Heartbeat.EMPTY, false);
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> future : futures) {
      future.get(60, TimeUnit.SECONDS);
    }
    executor.shutdown();

    List<RegisteredInstance> listed = store.list(all(T0.plusSeconds(11))).instances();
    assertThat(listed).hasSize(threads * perThread);
    assertThat(listed).allSatisfy(i -> assertThat(i.curLoad()).isNotNull());
    assertThat(listed).allSatisfy(i -> assertThat(i.expiresAt()).isAfterOrEqualTo(T0.plusSeconds(70)));
  }

  @Test
  void concurrentSweepersExpireEachInstanceExactlyOnce() throws Exception {
    for (long id = 1; id <= 200; id++) {
      store.upsert(instance(id, T0, 60), "h");
    }
    ConcurrentLinkedQueue<Long> expired = new ConcurrentLinkedQueue<>();
    ExecutorService executor = Executors.newFixedThreadPool(4);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      futures.add(executor.submit(() -> {
        List<InstanceEntry> batch;
        do {
          batch = store.expire(T0.plusSeconds(60), 7);
          batch.forEach(e -> expired.add(e.id()));
        } while (!batch.isEmpty());
        return null;
      }));
    }
    for (Future<?> future : futures) {
      future.get(60, TimeUnit.SECONDS);
    }
    executor.shutdown();

    assertThat(expired).hasSize(200).doesNotHaveDuplicates();
  }

  private List<Long> ids(InstanceQuery query) {
    return store.list(query).instances().stream().map(RegisteredInstance::instanceId).toList();
  }

  private static InstanceQuery query(String environment, InstanceStatus status, List<String> capabilities, Map<String, String> labels) {
    return new InstanceQuery(environment, null, status, capabilities, null, labels, Long.MIN_VALUE, 1000, T0, false);
  }
}
