package dev.vastmesh.vastai.search;

/** The kind of rental searched for; Vast calls an interruptible rental a bid. */
public enum RentalKind {
  ON_DEMAND("on-demand"),
  INTERRUPTIBLE("bid"),
  RESERVED("reserved");

  private final String wire;

  RentalKind(String wire) {
    this.wire = wire;
  }

  /** The value of the search body's {@code type}. */
  public String wire() {
    return wire;
  }
}
