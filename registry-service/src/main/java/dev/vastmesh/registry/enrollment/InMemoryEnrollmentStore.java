package dev.vastmesh.registry.enrollment;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/** The embedded store: a map whose per-key {@code compute} makes the consumption atomic. */
public final class InMemoryEnrollmentStore implements EnrollmentStore {

  private record Stored(Enrollment enrollment, Instant forgetAt, boolean used) {
  }

  private final ConcurrentHashMap<String, Stored> byHash = new ConcurrentHashMap<>();

  @Override
  public void save(Enrollment enrollment, Instant forgetAt) {
    // Minting is rare: forgetting what is past its retention here keeps the map bounded.
    byHash.values().removeIf(stored -> !stored.forgetAt().isAfter(enrollment.issuedAt()));
    byHash.put(enrollment.tokenHash(), new Stored(enrollment, forgetAt, false));
  }

  @Override
  public Optional<Enrollment> find(String tokenHash) {
    return Optional.ofNullable(byHash.get(tokenHash)).map(Stored::enrollment);
  }

  @Override
  public Consumption consume(String tokenHash, Instant now) {
    AtomicReference<Consumption> outcome = new AtomicReference<>(new Consumption.Unknown());
    byHash.computeIfPresent(tokenHash, (hash, stored) -> {
      if (!stored.forgetAt().isAfter(now)) {
        return null;
      }
      if (stored.used()) {
        outcome.set(new Consumption.AlreadyUsed());
        return stored;
      }
      if (!stored.enrollment().expiresAt().isAfter(now)) {
        outcome.set(new Consumption.Expired());
        return stored;
      }
      outcome.set(new Consumption.Consumed(stored.enrollment()));
      return new Stored(stored.enrollment(), stored.forgetAt(), true);
    });
    return outcome.get();
  }
}
