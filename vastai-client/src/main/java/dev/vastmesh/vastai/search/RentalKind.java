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

  /** The kind a {@code --type} option names: Vast's CLI spelling, {@code interruptible} or the wire's {@code bid}. */
  public static RentalKind of(String type) {
    return switch (type) {
      case "on-demand" -> ON_DEMAND;
      case "interruptible", "bid" -> INTERRUPTIBLE;
      case "reserved" -> RESERVED;
      default -> throw new IllegalArgumentException("--type must be on-demand, bid (interruptible) or reserved, not '" + type + "'");
    };
  }
}
