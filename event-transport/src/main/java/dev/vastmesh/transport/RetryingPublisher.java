package dev.vastmesh.transport;

import dev.vastmesh.events.EventCodec;
import dev.vastmesh.events.EventEnvelope;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Publishing for producers that must never block on the router: events go into a bounded buffer
 * that one sender thread drains through an {@link EventSender}, retrying each event up to
 * {@code maxAttempts} times with the {@link Backoff} (or the receiver's {@link RetryAfter}) before
 * the next. A full buffer refuses the new event; a refused or undeliverable event is given up.
 * Nothing is silent: every outcome reaches the {@link Listener}, for the producer's metrics and logs.
 */
public final class RetryingPublisher {

  /** What happened to events; every method is called on the sender thread except {@link #overflowed}. */
  public interface Listener {

    default void delivered(EventEnvelope event) {
    }

    /** Attempt {@code attempt} failed and the event will be tried again after {@code wait}. */
    default void retrying(EventEnvelope event, int attempt, SendResult.Retryable result, Duration wait) {
    }

    /** The receiver refused the event for good; it is not retried. */
    default void refused(EventEnvelope event, SendResult.Refused result) {
    }

    /** The last attempt failed too; the event is dropped. */
    default void gaveUp(EventEnvelope event, int attempts, SendResult.Retryable last) {
    }

    /** The buffer was full (called on the publishing thread); the event is dropped. */
    default void overflowed(EventEnvelope event) {
    }
  }

  private final String name;
  private final EventSender sender;
  private final int maxAttempts;
  private final Backoff backoff;
  private final Listener listener;
  private final EventCodec codec;
  private final BlockingQueue<EventEnvelope> buffer;
  private volatile boolean running;
  private @Nullable Thread thread;

  /**
   * @param name the sender thread's name
   * @param bufferSize events held while the router is slow or away
   * @param maxAttempts tries per event, the first included
   */
  public RetryingPublisher(String name, EventSender sender, int bufferSize, int maxAttempts, Backoff backoff, EventCodec codec,
      Listener listener) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("at least one attempt");
    }
    this.name = name;
    this.sender = sender;
    this.maxAttempts = maxAttempts;
    this.backoff = backoff;
    this.codec = codec;
    this.listener = listener;
    this.buffer = new ArrayBlockingQueue<>(bufferSize);
  }

  /** Queues the event; never blocks. False (and {@link Listener#overflowed}) when the buffer is full. */
  public boolean publish(EventEnvelope event) {
    if (buffer.offer(event)) {
      return true;
    }
    listener.overflowed(event);
    return false;
  }

  /** Events waiting to be sent. */
  public int buffered() {
    return buffer.size();
  }

  public synchronized void start() {
    if (thread == null) {
      running = true;
      thread = Thread.ofPlatform().name(name).daemon().start(this::drain);
    }
  }

  /**
   * Stops taking new work once the buffer is empty, waiting up to {@code grace} for the sender
   * thread to finish what it holds, then closes the sender.
   *
   * @return the events left unsent
   */
  public synchronized int stop(Duration grace) {
    running = false;
    Thread sending = thread;
    if (sending != null && !grace.isZero()) {
      try {
        sending.join(grace);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    sender.close();
    return buffer.size();
  }

  private void drain() {
    while (running || !buffer.isEmpty()) {
      try {
        EventEnvelope event = buffer.poll(200, TimeUnit.MILLISECONDS);
        if (event != null) {
          send(event);
        }
      } catch (InterruptedException e) {
        if (!running) {
          return;
        }
      }
    }
  }

  private void send(EventEnvelope event) throws InterruptedException {
    byte[] json = codec.serialize(event);
    for (int attempt = 1; ; attempt++) {
      switch (sender.send(event, json)) {
        case SendResult.Delivered delivered -> {
          listener.delivered(event);
          return;
        }
        case SendResult.Refused refused -> {
          listener.refused(event, refused);
          return;
        }
        case SendResult.Retryable failed -> {
          if (attempt >= maxAttempts) {
            listener.gaveUp(event, attempt, failed);
            return;
          }
          Duration wait = backoff.delay(attempt, failed.retryAfter());
          listener.retrying(event, attempt, failed, wait);
          Thread.sleep(wait.toMillis());
        }
      }
    }
  }
}
