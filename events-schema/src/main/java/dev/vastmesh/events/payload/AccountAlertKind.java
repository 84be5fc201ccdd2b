package dev.vastmesh.events.payload;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a provider's account alert is about. */
public enum AccountAlertKind implements WireEnum {
  /** The prepaid balance is running low: instances stop when it reaches zero. */
  LOW_CREDIT("low_credit"),
  /** A charge to the payment method failed. */
  BILLING_FAILED("billing_failed");

  private final String wire;

  AccountAlertKind(String wire) {
    this.wire = wire;
  }

  @Override
  @JsonValue
  public String wire() {
    return wire;
  }
}
