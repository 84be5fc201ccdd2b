package dev.vastmesh.router.ingest;

import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the stream consumer last saw, for health: when a read last worked, the last failure, and
 * the group recoveries. Health answers from here without a Redis round trip, so it answers at
 * once while Redis hangs.
 */
public final class StreamStatus {

  private final Clock clock;
  private volatile @Nullable Instant lastReadOk;
  private volatile @Nullable String lastFailure;
  private volatile long recoveries;
  private volatile @Nullable Instant lastRecovery;

  public StreamStatus(Clock clock) {
    this.clock = clock;
  }

  void readOk() {
    lastReadOk = clock.instant();
    lastFailure = null;
  }

  void readFailed(RuntimeException e) {
    // The exception's class only: Redis error texts may quote keys and arguments.
    lastFailure = e.getClass().getSimpleName();
  }

  void recovered() {
    recoveries++;
    lastRecovery = clock.instant();
  }

  /** Whether the last read failed: Redis is unreachable or refusing the consumer. */
  public boolean failing() {
    return lastFailure != null;
  }

  public @Nullable String lastFailure() {
    return lastFailure;
  }

  public @Nullable Instant lastReadOk() {
    return lastReadOk;
  }

  public long recoveries() {
    return recoveries;
  }

  public @Nullable Instant lastRecovery() {
    return lastRecovery;
  }
}
