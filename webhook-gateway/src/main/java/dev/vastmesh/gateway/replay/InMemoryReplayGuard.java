package dev.vastmesh.gateway.replay;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/** The embedded replay cache: Caffeine, each entry expiring after its own window. */
public final class InMemoryReplayGuard implements ReplayGuard {

  private record Entry(Seen state, @Nullable String eventId, Instant expiresAt) {
  }

  private final Clock clock;
  private final Cache<String, Entry> entries;

  public InMemoryReplayGuard(Clock clock, long maximumSize) {
    this.clock = clock;
    this.entries = Caffeine.newBuilder()
        .maximumSize(maximumSize)
        .expireAfter(Expiry.<String, Entry>writing((key, entry) -> {
          Duration left = Duration.between(clock.instant(), entry.expiresAt());
          return left.isNegative() ? Duration.ZERO : left;
        }))
        .build();
  }

  @Override
  public Reservation reserve(String key, Duration window) {
    Instant now = clock.instant();
    AtomicReference<Reservation> result = new AtomicReference<>(new Reservation(Seen.NEW, null));
    entries.asMap().compute(key, (k, existing) -> {
      if (existing != null && existing.expiresAt().isAfter(now)) {
        result.set(new Reservation(existing.state(), existing.eventId()));
        return existing;
      }
      return new Entry(Seen.IN_PROGRESS, null, now.plus(window));
    });
    return result.get();
  }

  @Override
  public void complete(String key, @Nullable String eventId, Duration window) {
    entries.put(key, new Entry(Seen.DONE, eventId, clock.instant().plus(window)));
  }

  @Override
  public void release(String key) {
    entries.asMap().computeIfPresent(key, (k, existing) -> existing.state() == Seen.DONE ? existing : null);
  }
}
