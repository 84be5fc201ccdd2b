package dev.vastmesh.gateway.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.testsupport.MutableClock;
import dev.vastmesh.gateway.replay.ReplayGuard.Seen;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The embedded replay cache: reservation, completion, release, expiry and its size bound. */
class InMemoryReplayGuardTests {

  private static final Duration WINDOW = Duration.ofMinutes(10);
  private static final Duration LEASE = Duration.ofSeconds(30);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-04T12:00:00Z"));
  private final InMemoryReplayGuard guard = new InMemoryReplayGuard(clock, 1_000, LEASE);

  @Test
  void aMessageIsNewThenInProgressThenDoneWithItsEventId() {
    assertThat(guard.reserve("ci:msg-1", WINDOW).seen()).isEqualTo(Seen.NEW);
    assertThat(guard.reserve("ci:msg-1", WINDOW).seen()).isEqualTo(Seen.IN_PROGRESS);

    guard.complete("ci:msg-1", "evt-1", WINDOW);

    assertThat(guard.reserve("ci:msg-1", WINDOW)).isEqualTo(new ReplayGuard.Reservation(Seen.DONE, "evt-1"));
    assertThat(guard.reserve("ci:msg-2", WINDOW).seen()).isEqualTo(Seen.NEW);
  }

  @Test
  void aMessageThatBecameNoEventIsDoneWithoutOne() {
    guard.reserve("ci:msg-1", WINDOW);
    guard.complete("ci:msg-1", null, WINDOW);

    assertThat(guard.reserve("ci:msg-1", WINDOW)).isEqualTo(new ReplayGuard.Reservation(Seen.DONE, null));
  }

  @Test
  void aReleasedReservationIsNewAgainButACompletedOneStays() {
    guard.reserve("ci:failed", WINDOW);
    guard.release("ci:failed");
    assertThat(guard.reserve("ci:failed", WINDOW).seen()).isEqualTo(Seen.NEW);

    guard.reserve("ci:done", WINDOW);
    guard.complete("ci:done", "evt-9", WINDOW);
    guard.release("ci:done");
    assertThat(guard.reserve("ci:done", WINDOW).seen()).isEqualTo(Seen.DONE);
  }

  @Test
  void anIdIsForgottenOnceItsWindowHasPassedSinceCompletion() {
    guard.reserve("ci:msg-1", WINDOW);
    clock.advance(Duration.ofMinutes(2));
    guard.complete("ci:msg-1", "evt-1", WINDOW);

    clock.advance(WINDOW.minusMinutes(1));
    assertThat(guard.reserve("ci:msg-1", WINDOW).seen()).as("within the window of its completion").isEqualTo(Seen.DONE);

    clock.advance(Duration.ofMinutes(1));
    assertThat(guard.reserve("ci:msg-1", WINDOW).seen()).isEqualTo(Seen.NEW);
  }

  @Test
  void aReservationNobodyReleasedLapsesAfterItsLeaseNotTheWindow() {
    assertThat(guard.reserve("ci:abandoned", WINDOW).seen()).isEqualTo(Seen.NEW);

    clock.advance(LEASE.minusSeconds(1));
    assertThat(guard.reserve("ci:abandoned", WINDOW).seen()).as("within the lease").isEqualTo(Seen.IN_PROGRESS);

    clock.advance(Duration.ofSeconds(1));
    assertThat(guard.reserve("ci:abandoned", WINDOW).seen()).as("the sender's retry after the lease").isEqualTo(Seen.NEW);
  }

  @Test
  void theLeaseOutlivesTheSlowestHandOff() {
    assertThat(ReplayGuard.pendingLease(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(30));
    assertThat(ReplayGuard.pendingLease(Duration.ofSeconds(40))).isEqualTo(Duration.ofSeconds(80));
  }

  @Test
  void expiredIdsAreSweptAsNewOnesArrive() {
    for (int i = 0; i < 5; i++) {
      guard.reserve("ci:old-" + i, WINDOW);
    }
    clock.advance(WINDOW.plusSeconds(1));
    guard.reserve("ci:new", WINDOW);

    assertThat(guard.size()).isEqualTo(1);
  }

  @Test
  void eachSourceWindowExpiresOnItsOwn() {
    guard.reserve("short:msg", Duration.ofMinutes(1));
    guard.reserve("long:msg", Duration.ofHours(24));
    guard.complete("short:msg", "evt-short", Duration.ofMinutes(1));
    guard.complete("long:msg", "evt-long", Duration.ofHours(24));
    clock.advance(Duration.ofMinutes(2));

    assertThat(guard.reserve("short:msg", Duration.ofMinutes(1)).seen()).isEqualTo(Seen.NEW);
    assertThat(guard.reserve("long:msg", Duration.ofHours(24)).seen()).isEqualTo(Seen.DONE);
  }

  @Test
  void theOldestIdsGiveWayAtTheSizeBound() {
    InMemoryReplayGuard small = new InMemoryReplayGuard(clock, 3, LEASE);
    for (int i = 0; i < 10; i++) {
      small.reserve("ci:msg-" + i, WINDOW);
      clock.advance(Duration.ofSeconds(1));
    }

    assertThat(small.size()).isLessThanOrEqualTo(3);
    assertThat(small.reserve("ci:msg-9", WINDOW).seen()).isEqualTo(Seen.IN_PROGRESS);
    assertThat(small.reserve("ci:msg-0", WINDOW).seen()).isEqualTo(Seen.NEW);
  }

  @Test
  void concurrentDeliveriesOfOneMessageGetExactlyOneReservation() throws Exception {
    int callers = 32;
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Seen>> seen = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      CompletableFuture<Seen> result = new CompletableFuture<>();
      seen.add(result);
      Thread.ofPlatform().start(() -> {
        try {
          start.await();
          result.complete(guard.reserve("ci:race", WINDOW).seen());
        } catch (InterruptedException e) {
          result.completeExceptionally(e);
        }
      });
    }
    start.countDown();

    List<Seen> outcomes = seen.stream().map(CompletableFuture::join).toList();
    assertThat(outcomes).filteredOn(s -> s == Seen.NEW).hasSize(1);
    assertThat(outcomes).filteredOn(s -> s == Seen.IN_PROGRESS).hasSize(callers - 1);
  }
}
