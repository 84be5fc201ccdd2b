package dev.vastmesh.registry.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every enrollment store must have. Each implementation runs this suite: the
 * in-memory store, and the Redis store against a real Redis.
 */
abstract class EnrollmentStoreContractTests {

  static final Instant T0 = Instant.parse("2026-01-04T12:00:00Z");
  static final Instant EXPIRES = T0.plusSeconds(3600);
  static final Instant FORGET = EXPIRES.plusSeconds(86_400);

  EnrollmentStore store;

  /** A fresh, empty store. */
  abstract EnrollmentStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  static Enrollment enrollment(String hash, Long instanceId) {
    return new Enrollment(hash, instanceId, "vastmesh-deploy:pipeline-1", "ci", T0, EXPIRES);
  }

  @Test
  void aSavedEnrollmentIsFoundByItsHash() {
    store.save(enrollment("hash-a", 42L), FORGET);

    assertThat(store.find("hash-a")).contains(enrollment("hash-a", 42L));
    assertThat(store.find("hash-b")).isEmpty();
  }

  @Test
  void anUnboundEnrollmentRoundTrips() {
    store.save(enrollment("hash-a", null), FORGET);

    assertThat(store.find("hash-a")).contains(enrollment("hash-a", null));
  }

  @Test
  void aFreshTokenIsConsumedOnceThenAnswersUsed() {
    store.save(enrollment("hash-a", 42L), FORGET);

    assertThat(store.consume("hash-a", T0.plusSeconds(1))).isEqualTo(new Consumption.Consumed(enrollment("hash-a", 42L)));
    assertThat(store.consume("hash-a", T0.plusSeconds(2))).isInstanceOf(Consumption.AlreadyUsed.class);
    assertThat(store.find("hash-a")).as("a spent token is remembered").isPresent();
  }

  @Test
  void anExpiredTokenIsNotConsumed() {
    store.save(enrollment("hash-a", null), FORGET);

    assertThat(store.consume("hash-a", EXPIRES)).isInstanceOf(Consumption.Expired.class);
    assertThat(store.consume("hash-a", EXPIRES.minusMillis(1))).as("it was not spent by the refusal")
        .isInstanceOf(Consumption.Consumed.class);
  }

  @Test
  void anUnknownTokenIsUnknown() {
    assertThat(store.consume("never-minted", T0)).isInstanceOf(Consumption.Unknown.class);
  }

  @Test
  void tokensAreIndependent() {
    store.save(enrollment("hash-a", null), FORGET);
    store.save(enrollment("hash-b", null), FORGET);

    store.consume("hash-a", T0);

    assertThat(store.consume("hash-b", T0)).isInstanceOf(Consumption.Consumed.class);
  }

  @Test
  void ofConcurrentConsumptionsExactlyOneWins() throws Exception {
    int racers = 16;
    for (int run = 0; run < 50; run++) {
      String hash = "race-" + run;
      store.save(enrollment(hash, null), FORGET);
      CountDownLatch start = new CountDownLatch(1);
      List<Callable<Consumption>> calls = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        calls.add(() -> {
          start.await();
          return store.consume(hash, T0.plusSeconds(1));
        });
      }
      ExecutorService pool = Executors.newFixedThreadPool(racers);
      try {
        List<Future<Consumption>> results = calls.stream().map(pool::submit).toList();
        start.countDown();
        int consumed = 0;
        for (Future<Consumption> result : results) {
          Consumption outcome = result.get();
          if (outcome instanceof Consumption.Consumed) {
            consumed++;
          } else {
            assertThat(outcome).isInstanceOf(Consumption.AlreadyUsed.class);
          }
        }
        assertThat(consumed).as("run %d: consumptions that won", run).isEqualTo(1);
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
