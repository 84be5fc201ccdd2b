package dev.vastmesh.events.payload;

import com.fasterxml.jackson.annotation.JsonValue;

/** The period over which a cost threshold or budget is measured. */
public enum CostPeriod implements WireEnum {
  HOUR("hour"),
  DAY("day"),
  WEEK("week"),
  MONTH("month");

  private final String wire;

  CostPeriod(String wire) {
    this.wire = wire;
  }

  @Override
  @JsonValue
  public String wire() {
    return wire;
  }
}
