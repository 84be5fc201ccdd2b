package dev.vastmesh.registry.security;

/** 401: no usable credentials. The message is safe to show and never contains the token. */
public final class AuthenticationException extends RuntimeException {

  public AuthenticationException(String message) {
    super(message, null, false, false);
  }
}
