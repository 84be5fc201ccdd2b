package dev.vastmesh.worker.serving;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * One turn at a time, granted in arrival order, without holding a thread while waiting: the
 * serving path runs on event loops, where a blocking semaphore would stall every connection on
 * that loop. A waiter that is cancelled (its client left) gives up its place, and a turn granted
 * at the moment its waiter is cancelled is passed on rather than lost.
 */
final class FifoTurns {

  /** A granted turn; releasing it more than once has no further effect. */
  private static final class Turn {
    private final FifoTurns owner;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();

    private Turn(FifoTurns owner) {
      this.owner = owner;
    }

    /** Either the subscriber takes the turn or its cancellation hands it back: whichever comes first. */
    private boolean claim() {
      return claimed.compareAndSet(false, true);
    }

    private void release() {
      if (released.compareAndSet(false, true)) {
        owner.passOn();
      }
    }
  }

  private static final int WAITING = 0;
  private static final int GRANTED = 1;
  private static final int CANCELLED = 2;

  private record Waiter(MonoSink<Turn> sink, Turn turn, AtomicInteger state) {
  }

  private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
  private boolean taken;

  /**
   * Runs {@code work} in its turn and releases the turn however it ends (completion, error or
   * cancellation). The turn is never handed out: a subscriber could drop it (a value arriving
   * just as it is cancelled), and a dropped turn would stop the queue for good.
   */
  <T> Mono<T> inTurn(Supplier<Mono<T>> work) {
    return Mono.usingWhen(next(), turn -> work.get(), FifoTurns::release, (turn, failure) -> release(turn), FifoTurns::release);
  }

  private static Mono<Void> release(Turn turn) {
    turn.release();
    return Mono.empty();
  }

  /** Emits the turn when it is this subscriber's, who must then release it. */
  private Mono<Turn> next() {
    return Mono.<Turn>create(sink -> {
      Waiter waiter = new Waiter(sink, new Turn(this), new AtomicInteger(WAITING));
      sink.onCancel(() -> {
        if (waiter.state().compareAndSet(WAITING, CANCELLED)) {
          synchronized (this) {
            waiting.remove(waiter);
          }
        } else if (waiter.turn().claim()) {
          // Granted as it was cancelled: the turn never reached the subscriber.
          waiter.turn().release();
        }
      });
      boolean now;
      synchronized (this) {
        now = !taken;
        if (now) {
          taken = true;
        } else {
          waiting.add(waiter);
        }
      }
      if (now && !offer(waiter)) {
        // Cancelled before it could take the free turn: the next one may.
        passOn();
      }
    }).handle((turn, sink) -> {
      if (turn.claim()) {
        sink.next(turn);
      }
    });
  }

  /** Requests waiting for a turn. */
  synchronized int waiting() {
    return waiting.size();
  }

  /** Grants the turn unless the waiter was cancelled first. */
  private static boolean offer(Waiter waiter) {
    if (!waiter.state().compareAndSet(WAITING, GRANTED)) {
      return false;
    }
    waiter.sink().success(waiter.turn());
    return true;
  }

  private void passOn() {
    while (true) {
      Waiter next;
      synchronized (this) {
        next = waiting.poll();
        if (next == null) {
          taken = false;
          return;
        }
      }
      if (offer(next)) {
        return;
      }
    }
  }
}
