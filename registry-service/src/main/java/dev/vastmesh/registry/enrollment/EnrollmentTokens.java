package dev.vastmesh.registry.enrollment;

import dev.vastmesh.support.problem.Problem;
import dev.vastmesh.support.security.AccessDeniedException;
import dev.vastmesh.support.security.AuthenticationException;
import dev.vastmesh.support.security.Tokens;
import org.springframework.http.HttpStatus;

/**
 * Enrollment tokens: {@code vme_<secret>}, and the refusals of one. No refusal repeats the token
 * or says which instance it is bound to.
 */
public final class EnrollmentTokens {

  /** The prefix that tells an enrollment token from a service or an instance token. */
  public static final String PREFIX = "vme_";
  /** The realm of the registry's challenges. */
  static final String REALM = "vastmesh-registry";

  private EnrollmentTokens() {
  }

  static String issue() {
    return Tokens.random(PREFIX);
  }

  public static boolean isEnrollmentToken(String token) {
    return token.startsWith(PREFIX);
  }

  /** 401: never minted here, or forgotten after its retention. */
  public static AuthenticationException notValid() {
    return new AuthenticationException(REALM,
        "the enrollment token is not valid: it was never minted by this registry, or has been forgotten; mint another");
  }

  static AuthenticationException expired() {
    return new AuthenticationException(REALM, "the enrollment token has expired before it was used; mint another");
  }

  /** 409: spent by an earlier registration (a replay, or the loser of two registrations at once). */
  static Problem alreadyUsed() {
    return new Problem(HttpStatus.CONFLICT, "enrollment-token-used", "Enrollment token already used",
        "the enrollment token has already registered an instance; each one registers exactly one");
  }

  static AccessDeniedException boundElsewhere() {
    return new AccessDeniedException("the enrollment token is bound to another instance id; it was not consumed");
  }

  /** 403 for an enrollment token anywhere but registration. */
  public static AccessDeniedException registerOnly() {
    return new AccessDeniedException("an enrollment token can only register one instance");
  }
}
