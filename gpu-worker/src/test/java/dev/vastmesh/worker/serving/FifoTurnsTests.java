package dev.vastmesh.worker.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

class FifoTurnsTests {

  final FifoTurns turns = new FifoTurns();

  /** Work that records its start and lasts until {@code done} is emitted. */
  Mono<String> work(String name, List<String> started, Sinks.Empty<Void> done) {
    return Mono.defer(() -> {
      started.add(name);
      return done.asMono().thenReturn(name);
    });
  }

  @Test
  void workRunsOneAtATimeInArrivalOrder() {
    List<String> started = new CopyOnWriteArrayList<>();
    List<Sinks.Empty<Void>> done = List.of(Sinks.empty(), Sinks.empty(), Sinks.empty());
    List<String> finished = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 3; i++) {
      turns.inTurn(() -> work("w" + started.size(), started, done.get(finished.size() + started.size() - finished.size())))
          .subscribe(finished::add);
    }
    assertThat(started).containsExactly("w0");
    assertThat(turns.waiting()).isEqualTo(2);

    done.get(0).tryEmitEmpty();
    assertThat(started).containsExactly("w0", "w1");
    done.get(1).tryEmitEmpty();
    assertThat(started).containsExactly("w0", "w1", "w2");
    done.get(2).tryEmitEmpty();
    assertThat(finished).containsExactly("w0", "w1", "w2");
    assertThat(turns.waiting()).isZero();
  }

  @Test
  void failedWorkAndAWaiterThatLeavesBothGiveUpTheirTurn() {
    List<String> started = new CopyOnWriteArrayList<>();
    Sinks.Empty<Void> first = Sinks.empty();
    turns.inTurn(() -> work("first", started, first)).subscribe(value -> { }, failure -> { });
    Disposable leaving = turns.inTurn(() -> work("leaving", started, Sinks.empty())).subscribe();
    turns.inTurn(() -> Mono.<String>error(new IllegalStateException("model server down"))).subscribe(value -> { }, failure -> { });
    Sinks.Empty<Void> last = Sinks.empty();
    turns.inTurn(() -> work("last", started, last)).subscribe();

    leaving.dispose();
    assertThat(turns.waiting()).isEqualTo(2);
    first.tryEmitError(new IllegalStateException("broke off"));

    assertThat(started).as("the leaver never started; the failure passed its turn on").containsExactly("first", "last");
  }

  @Test
  void aHolderThatIsCancelledReleasesItsTurn() {
    List<String> started = new CopyOnWriteArrayList<>();
    Disposable holder = turns.inTurn(() -> work("holder", started, Sinks.empty())).subscribe();
    turns.inTurn(() -> work("next", started, Sinks.empty())).subscribe();

    holder.dispose();

    assertThat(started).containsExactly("holder", "next");
  }

  @RepeatedTest(20)
  void underConcurrentCancelsNoTurnIsLostAndNoneIsShared() throws Exception {
    int requests = 400;
    AtomicInteger holders = new AtomicInteger();
    AtomicInteger overlap = new AtomicInteger();
    CountDownLatch settled = new CountDownLatch(requests);
    for (int i = 0; i < requests; i++) {
      boolean cancels = i % 3 == 0;
      Disposable subscription = turns.inTurn(() -> {
        if (holders.incrementAndGet() > 1) {
          overlap.incrementAndGet();
        }
        // Ends on another thread, a moment later, as an answer from the model server would. Counted
        // down before the end reaches the FIFO (doFinally would run after the next turn began).
        return Mono.delay(Duration.ofNanos(1), Schedulers.parallel()).doOnTerminate(holders::decrementAndGet)
            .doOnCancel(holders::decrementAndGet);
      }).doFinally(signal -> settled.countDown()).subscribe();
      if (cancels) {
        Schedulers.parallel().schedule(subscription::dispose);
      }
    }

    assertThat(settled.await(10, TimeUnit.SECONDS)).as("every request had its turn or left").isTrue();
    assertThat(overlap).as("never two holders at once").hasValue(0);
    AtomicInteger after = new AtomicInteger();
    turns.inTurn(() -> Mono.fromRunnable(after::incrementAndGet)).subscribe();
    assertThat(after).as("the turn is free once everyone has gone").hasValue(1);
  }
}
