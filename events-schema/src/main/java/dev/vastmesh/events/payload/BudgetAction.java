package dev.vastmesh.events.payload;

import com.fasterxml.jackson.annotation.JsonValue;

/** What the budget owner configured to happen when a budget is exceeded. */
public enum BudgetAction implements WireEnum {
  ALERT("alert"),
  STOP_INSTANCES("stop_instances"),
  DESTROY_INSTANCES("destroy_instances"),
  /** Nothing was done: the affected instances are those a stop or destroy would have touched. */
  DRY_RUN("dry_run");

  private final String wire;

  BudgetAction(String wire) {
    this.wire = wire;
  }

  @Override
  @JsonValue
  public String wire() {
    return wire;
  }
}
