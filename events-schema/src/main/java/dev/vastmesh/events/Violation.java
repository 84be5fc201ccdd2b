package dev.vastmesh.events;

/**
 * One thing wrong with an event.
 *
 * @param kind the class of problem
 * @param pointer JSON Pointer (RFC 6901) to the offending member, e.g. {@code /data/instance_id};
 *     empty for the document itself
 * @param message what is wrong, naming the attribute or field; never echoes long input
 */
public record Violation(ViolationKind kind, String pointer, String message) {

  @Override
  public String toString() {
    return kind + " at '" + pointer + "': " + message;
  }
}
