package dev.vastmesh.support.security;

import java.io.PrintStream;

/**
 * The admin token a service makes up when none is configured, so that it is never
 * anonymous-writable. It is printed once on standard output and deliberately not logged: logs
 * are shipped and kept, and a secret in them outlives the process.
 */
public final class GeneratedToken {

  private GeneratedToken() {
  }

  /** A new token with {@code prefix}, announced on {@code out}. */
  public static String announce(String service, String property, String prefix, PrintStream out) {
    String token = Tokens.random(prefix);
    out.println("""

        %s: no API token is configured (%s), so this run generated an admin token.
        It is shown once, here, and never logged:

            Authorization: Bearer %s
        """.formatted(service, property, token));
    return token;
  }
}
