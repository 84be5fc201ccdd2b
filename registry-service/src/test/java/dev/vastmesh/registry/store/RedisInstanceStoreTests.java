package dev.vastmesh.registry.store;

import static dev.vastmesh.registry.support.Instances.all;
import static dev.vastmesh.registry.support.Instances.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.registry.instance.Heartbeat;
import dev.vastmesh.registry.instance.InstanceStatus;
import dev.vastmesh.registry.support.RedisStores;
import dev.vastmesh.testsupport.RedisTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import tools.jackson.databind.json.JsonMapper;

/** The behaviour suite against a real Redis, plus what only several replicas can show. */
class RedisInstanceStoreTests extends InstanceStoreContractTests {

  private final List<LettuceConnectionFactory> connections = new ArrayList<>();
  private final List<RedisInstanceStore> replicas = new ArrayList<>();
  private String prefix;

  @Override
  InstanceStore newStore() {
    prefix = RedisTestSupport.uniquePrefix();
    return replica();
  }

  private RedisInstanceStore replica() {
    LettuceConnectionFactory factory = RedisStores.connectionFactory();
    connections.add(factory);
    RedisInstanceStore replica = new RedisInstanceStore(RedisStores.template(factory), JsonMapper.builder().build(), RedisStores.config(prefix));
    replica.start();
    replicas.add(replica);
    return replica;
  }

  @AfterEach
  void stopReplicas() {
    replicas.forEach(RedisInstanceStore::stop);
    deleteKeys();
    connections.forEach(LettuceConnectionFactory::destroy);
  }

  /** Every key of this test's registry: also what a Redis restarted empty looks like to the replicas. */
  private void deleteKeys() {
    LettuceConnectionFactory any = connections.getFirst();
    var keys = RedisStores.template(any).keys(prefix + "*");
    if (keys != null && !keys.isEmpty()) {
      RedisStores.template(any).delete(keys);
    }
  }

  @Test
  void aChangeThroughOneReplicaIsVisibleThroughAnotherAtOnce() {
    RedisInstanceStore b = replica();

    store.upsert(instance(1, T0, 60), "h");
    assertThat(b.get(1)).isPresent();
    assertThat(b.list(all(T0)).instances()).hasSize(1);

    b.heartbeat(1, T0.plusSeconds(30), new Heartbeat(InstanceStatus.DEGRADED, null, null, null, null), false);
    assertThat(store.get(1).orElseThrow().instance().status()).isEqualTo(InstanceStatus.DEGRADED);
    assertThat(store.get(1).orElseThrow().instance().expiresAt()).isEqualTo(T0.plusSeconds(90));

    b.remove(1);
    assertThat(store.get(1)).isEmpty();
    assertThat(store.index()).isEqualTo(b.index());
  }

  @Test
  void aReplicaStartedLaterLoadsTheWholeRegistry() {
    for (long id = 1; id <= 25; id++) {
      store.upsert(instance(id, T0, 60), "h");
    }
    store.remove(7);

    RedisInstanceStore late = replica();

    assertThat(late.list(all(T0)).instances()).hasSize(24);
    assertThat(late.index()).isEqualTo(store.index());
  }

  @Test
  void aWatchOnOneReplicaWakesOnAChangeThroughAnother() throws Exception {
    RedisInstanceStore b = replica();
    long index = b.index();
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<Long> watch = executor.submit(() -> b.awaitIndexAbove(index, Duration.ofSeconds(30)));
      await().until(() -> b.watchers() == 1);
      store.upsert(instance(42, T0, 60), "h");
      assertThat(watch.get(10, TimeUnit.SECONDS)).isGreaterThan(index);
      assertThat(b.list(all(T0)).instances()).extracting(i -> i.instanceId()).containsExactly(42L);
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void concurrentHeartbeatsThroughTwoReplicasAllLand() throws Exception {
    RedisInstanceStore b = replica();
    store.upsert(instance(1, T0, 60), "h");
    ExecutorService executor = Executors.newFixedThreadPool(4);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      InstanceStore through = t % 2 == 0 ? store : b;
      int thread = t;
      futures.add(executor.submit(() -> {
        for (int i = 0; i < 50; i++) {
          assertThat(through.heartbeat(1, T0.plusSeconds(1 + i), new Heartbeat(null, (double) thread, null, null, null), false)).isPresent();
        }
        return null;
      }));
    }
    for (Future<?> future : futures) {
      future.get(60, TimeUnit.SECONDS);
    }
    executor.shutdown();

    assertThat(b.get(1).orElseThrow().instance().expiresAt()).isAfter(T0.plusSeconds(60));
  }

  private static List<Long> ids(InstanceStore replica) {
    return replica.list(all(T0)).instances().stream().map(i -> i.instanceId()).toList();
  }

  @Test
  void replicasReloadWhenRedisComesBackEmptyAndSkipNoLaterChange() {
    RedisInstanceStore b = replica();
    for (long id = 1; id <= 20; id++) {
      store.upsert(instance(id, T0, 60), "h");
    }
    long indexBefore = b.index();
    assertThat(ids(b)).hasSize(20);

    deleteKeys();
    List<Long> registeredAfter = new ArrayList<>();
    for (long id = 101; id <= 129; id++) {
      store.upsert(instance(id, T0, 60), "h");
      registeredAfter.add(id);
    }

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(ids(store)).as("through the replica that wrote").isEqualTo(registeredAfter);
      assertThat(ids(b)).as("through the other replica: every new one, no phantom").isEqualTo(registeredAfter);
    });
    assertThat(b.index()).as("the index never goes back").isGreaterThan(indexBefore);
    assertThat(((RedisInstanceStore) store).resets()).isGreaterThanOrEqualTo(1);
    assertThat(b.resets()).isGreaterThanOrEqualTo(1);
    assertThat(b.healthDetails()).containsKey("lastStoreReset");
  }

  @Test
  void aReplicaDropsItsPhantomsWhenRedisComesBackEmptyWithNothingWrittenSince() {
    RedisInstanceStore b = replica();
    for (long id = 1; id <= 5; id++) {
      store.upsert(instance(id, T0, 60), "h");
    }
    assertThat(ids(b)).hasSize(5);

    deleteKeys();

    await().atMost(Duration.ofSeconds(10)).until(() -> b.all().isEmpty() && store.all().isEmpty());
    assertThat(ids(b)).isEmpty();
    assertThat(b.resets()).isEqualTo(1);
  }
}
