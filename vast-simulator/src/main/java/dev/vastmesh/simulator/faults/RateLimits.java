package dev.vastmesh.simulator.faults;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Vast's rate limit: a minimum interval between two calls of one endpoint by one account. A call
 * inside the interval is refused and does not move the window. Real time, not simulated.
 */
final class RateLimits {

  private record Key(long userId, Endpoint endpoint) {
  }

  private final double scale;
  private final Map<Key, Long> last = new ConcurrentHashMap<>();

  RateLimits(double scale) {
    this.scale = scale;
  }

  boolean admit(long userId, Endpoint endpoint) {
    Double threshold = endpoint.threshold();
    if (threshold == null) {
      return true;
    }
    long gap = (long) (threshold * scale * 1e9);
    long now = System.nanoTime();
    boolean[] admitted = {false};
    last.compute(new Key(userId, endpoint), (key, previous) -> {
      if (previous == null || now - previous >= gap) {
        admitted[0] = true;
        return now;
      }
      return previous;
    });
    return admitted[0];
  }
}
