package dev.vastmesh.events;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when an event is invalid; carries every violation found, not just the first. */
public final class EventValidationException extends RuntimeException {

  private final List<Violation> violations;

  public EventValidationException(List<Violation> violations) {
    super(violations.stream().map(Violation::toString).collect(Collectors.joining("; ",
        "invalid event (" + violations.size() + " violation" + (violations.size() == 1 ? "" : "s") + "): ", "")));
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }
}
