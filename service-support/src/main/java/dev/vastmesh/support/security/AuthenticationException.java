package dev.vastmesh.support.security;

import dev.vastmesh.support.problem.Problem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** 401: no usable credentials. The message is safe to show and never contains the token. */
public final class AuthenticationException extends Problem {

  public AuthenticationException(String realm, String message) {
    super(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required", message);
    header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + realm + "\"");
  }
}
