package dev.vastmesh.events;

/** The five families of vastai.* events; the second segment of every type name. */
public enum EventFamily {
  INSTANCE("instance"),
  DEPLOYMENT("deployment"),
  COST("cost"),
  HEALTH("health"),
  MESH("mesh");

  private final String segment;

  EventFamily(String segment) {
    this.segment = segment;
  }

  /** The type-name prefix of this family, e.g. {@code vastai.cost.}. */
  public String prefix() {
    return "vastai." + segment + ".";
  }

  /** The family's name as it appears in type names, e.g. {@code cost}. */
  public String segment() {
    return segment;
  }
}
