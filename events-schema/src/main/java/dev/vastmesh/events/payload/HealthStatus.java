package dev.vastmesh.events.payload;

import com.fasterxml.jackson.annotation.JsonValue;

/** Health of a worker as the registry sees it. */
public enum HealthStatus implements WireEnum {
  HEALTHY("healthy"),
  DEGRADED("degraded"),
  UNHEALTHY("unhealthy");

  private final String wire;

  HealthStatus(String wire) {
    this.wire = wire;
  }

  @Override
  @JsonValue
  public String wire() {
    return wire;
  }
}
