package dev.vastmesh.registry.api;

import java.util.List;

/** 400: the request is well-formed but some fields are invalid; lists every one of them. */
public final class InvalidRequestException extends RuntimeException {

  private final List<FieldViolation> violations;

  public InvalidRequestException(List<FieldViolation> violations) {
    super(violations.size() + " invalid field(s)", null, false, false);
    this.violations = List.copyOf(violations);
  }

  public static InvalidRequestException of(String field, String message) {
    return new InvalidRequestException(List.of(new FieldViolation(field, message)));
  }

  public List<FieldViolation> violations() {
    return violations;
  }
}
