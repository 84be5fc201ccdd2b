package dev.vastmesh.support.security;

import dev.vastmesh.support.problem.Problem;
import org.springframework.http.HttpStatus;

/** 403: valid credentials that do not allow this operation. */
public final class AccessDeniedException extends Problem {

  public AccessDeniedException(String message) {
    super(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", message);
  }
}
