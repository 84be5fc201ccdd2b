package dev.vastmesh.simulator.faults;

import dev.vastmesh.simulator.config.SimulatorProperties;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The faults armed now: from configuration at start, then added and cleared through the admin
 * API. A fault with {@code times > 0} disarms itself after firing that often.
 */
@Component
public class Faults {

  /** An armed fault and how often it may still fire (0: without end). */
  public record Armed(long id, FaultSpec spec, int left) {
  }

  private final Map<Long, Armed> armed = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private volatile boolean rateLimited;

  public Faults(SimulatorProperties properties) {
    properties.faults().forEach(this::arm);
    rateLimited = properties.rateLimits().enabled();
  }

  public Armed arm(FaultSpec spec) {
    Armed fault = new Armed(ids.incrementAndGet(), spec, spec.times());
    armed.put(fault.id(), fault);
    return fault;
  }

  public List<Armed> list() {
    return armed.values().stream().sorted(java.util.Comparator.comparingLong(Armed::id)).toList();
  }

  public boolean disarm(long id) {
    return armed.remove(id) != null;
  }

  public void clear() {
    armed.clear();
  }

  public boolean rateLimited() {
    return rateLimited;
  }

  public void rateLimited(boolean on) {
    rateLimited = on;
  }

  /** Fires an instance or offer fault of this kind for this offer, if one is armed. */
  public boolean fire(FaultKind kind, long offerId) {
    return take(kind, offerId, null).isPresent();
  }

  /** Fires the first armed call fault matching the endpoint. */
  public Optional<FaultSpec> fireOnCall(Endpoint endpoint) {
    for (Armed fault : list()) {
      if (fault.spec().kind().onCall()) {
        Optional<FaultSpec> fired = take(fault.spec().kind(), null, endpoint);
        if (fired.isPresent()) {
          return fired;
        }
      }
    }
    return Optional.empty();
  }

  private synchronized Optional<FaultSpec> take(FaultKind kind, @Nullable Long offerId, @Nullable Endpoint endpoint) {
    for (Armed fault : list()) {
      FaultSpec spec = fault.spec();
      if (spec.kind() != kind || spec.offerId() != null && !spec.offerId().equals(offerId)
          || spec.endpoint() != null && spec.endpoint() != endpoint) {
        continue;
      }
      if (fault.left() == 1) {
        armed.remove(fault.id());
      } else if (fault.left() > 1) {
        armed.put(fault.id(), new Armed(fault.id(), spec, fault.left() - 1));
      }
      return Optional.of(spec);
    }
    return Optional.empty();
  }
}
