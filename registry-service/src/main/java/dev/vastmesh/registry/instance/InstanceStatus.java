package dev.vastmesh.registry.instance;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.vastmesh.events.payload.HealthStatus;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an instance says about itself; a closed set so metrics labels stay bounded. */
public enum InstanceStatus {
  STARTING,
  READY,
  BUSY,
  DEGRADED,
  UNHEALTHY,
  DRAINING;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status spelled {@code wire}, if it is one. */
  public static Optional<InstanceStatus> fromWire(String wire) {
    return Arrays.stream(values()).filter(s -> s.wire().equals(wire)).findFirst();
  }

  @JsonCreator
  static InstanceStatus json(String wire) {
    return fromWire(wire).orElseThrow(() -> new IllegalArgumentException("unknown status " + wire));
  }

  /** The health this status implies, for health events. */
  public HealthStatus health() {
    return switch (this) {
      case DEGRADED -> HealthStatus.DEGRADED;
      case UNHEALTHY -> HealthStatus.UNHEALTHY;
      case STARTING, READY, BUSY, DRAINING -> HealthStatus.HEALTHY;
    };
  }
}
