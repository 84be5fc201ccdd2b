package dev.vastmesh.registry.security;

/** 403: valid credentials that do not allow this operation. */
public final class AccessDeniedException extends RuntimeException {

  public AccessDeniedException(String message) {
    super(message, null, false, false);
  }
}
