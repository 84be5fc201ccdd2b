package dev.vastmesh.events.payload;

import com.fasterxml.jackson.annotation.JsonValue;

/** How an instance is rented: Vast's on-demand, interruptible (a bid) or reserved. */
public enum RentalType implements WireEnum {
  ON_DEMAND("on-demand"),
  INTERRUPTIBLE("interruptible"),
  RESERVED("reserved");

  private final String wire;

  RentalType(String wire) {
    this.wire = wire;
  }

  @Override
  @JsonValue
  public String wire() {
    return wire;
  }
}
