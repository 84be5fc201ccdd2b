package dev.vastmesh.registry.security;

import java.util.Set;

/** Who is calling, as established from the request's bearer token. */
public sealed interface Caller {

  /** No token, where reads are open. */
  record Anonymous() implements Caller {
  }

  /** A configured service token (CI, Prometheus, an operator). */
  record Service(String name, Set<Scope> scopes) implements Caller {
  }

  /**
   * An enrollment token that was minted here: may register one instance, nothing else. Whether
   * it is still fresh is decided when the registration consumes it.
   */
  record Enrollment(String tokenHash) implements Caller {
  }

  /** An instance token: may heartbeat and deregister its own instance, nothing else. */
  record Instance(long instanceId) implements Caller {
  }
}
