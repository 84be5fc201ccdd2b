package dev.vastmesh.events.payload;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why an instance left the registry. */
public enum UnregisterReason implements WireEnum {
  DEREGISTERED("deregistered"),
  EXPIRED("expired");

  private final String wire;

  UnregisterReason(String wire) {
    this.wire = wire;
  }

  @Override
  @JsonValue
  public String wire() {
    return wire;
  }
}
