package dev.vastmesh.simulator.autoscaler;

import dev.vastmesh.simulator.config.SimClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What the workers last reported. A worker is ready when it reported itself loaded
 * ({@code loadtime > 0}), without an error, within the last 30 s; among the ready, the least
 * loaded gets the next request.
 */
@Component
class Workers {

  private static final Duration FRESH = Duration.ofSeconds(30);

  record Status(long id, String url, double loadtime, double curLoad, String errorMsg, Instant at) {
  }

  record Finished(long workerId, long requestIdx, boolean success) {
  }

  private final Map<Long, Status> statuses = new ConcurrentHashMap<>();
  private final List<Finished> finished = new CopyOnWriteArrayList<>();
  private final Clock clock;

  Workers(Clock clock) {
    this.clock = clock;
  }

  void report(Status status) {
    statuses.put(status.id(), status);
  }

  void finished(Finished request) {
    finished.add(request);
  }

  List<Finished> finished() {
    return List.copyOf(finished);
  }

  Instant now() {
    return clock.instant();
  }

  Optional<Status> ready() {
    Instant oldest = clock.instant().minus(FRESH);
    return statuses.values().stream()
        .filter(s -> s.loadtime() > 0 && s.errorMsg().isEmpty() && !s.url().isEmpty() && s.at().isAfter(oldest))
        .min(Comparator.comparingDouble(Status::curLoad));
  }

  @Nullable Status of(long id) {
    return statuses.get(id);
  }
}
