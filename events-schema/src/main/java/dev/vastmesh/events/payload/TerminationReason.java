package dev.vastmesh.events.payload;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why an instance stopped existing (or stopped billing compute). */
public enum TerminationReason implements WireEnum {
  DESTROYED("destroyed"),
  OUTBID("outbid"),
  FAILED("failed"),
  EXPIRED("expired"),
  BUDGET_EXCEEDED("budget_exceeded"),
  UNKNOWN("unknown");

  private final String wire;

  TerminationReason(String wire) {
    this.wire = wire;
  }

  @Override
  @JsonValue
  public String wire() {
    return wire;
  }
}
