package dev.vastmesh.registry.security;

import dev.vastmesh.registry.config.RegistryProperties;
import dev.vastmesh.registry.enrollment.EnrollmentStore;
import dev.vastmesh.registry.enrollment.EnrollmentTokens;
import dev.vastmesh.registry.instance.Authority;
import dev.vastmesh.registry.instance.InstanceEntry;
import dev.vastmesh.registry.store.InstanceStore;
import dev.vastmesh.support.security.AccessDeniedException;
import dev.vastmesh.support.security.RequiresScope;
import dev.vastmesh.support.security.ScopeCheck;
import dev.vastmesh.support.security.ServiceTokens;
import dev.vastmesh.support.security.TokenHolders;
import dev.vastmesh.support.security.Tokens;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Establishes the {@link Caller} from an {@code Authorization: Bearer} header and checks what it
 * may do, for every handler marked {@link RequiresScope}. No write is ever anonymous; reads are
 * anonymous only when configured so. An instance token acts only on its own instance, which a
 * handler names with {@link RequiresScope#owner()}.
 *
 * <p>When no token is configured, one admin token is generated at start-up into a file only this
 * user can read; standard output gets the file's path, never the token.
 */
@Component
public class CallerResolver implements ScopeCheck, TokenHolders {

  private static final String INSTANCE_ONLY = "an instance token can only heartbeat or deregister its own instance";

  private final ServiceTokens<Scope> tokens;
  private final boolean anonymousRead;
  private final InstanceStore store;
  private final EnrollmentStore enrollments;

  CallerResolver(RegistryProperties properties, InstanceStore store, EnrollmentStore enrollments) {
    this.store = store;
    this.enrollments = enrollments;
    this.anonymousRead = properties.security().anonymousRead();
    this.tokens = new ServiceTokens<>(Scope.class, properties.security().tokens(), "registry",
        RegistryProperties.PREFIX + ".security.tokens", "vmt_", Scope.ADMIN);
  }

  @Override
  public void check(@Nullable String authorization, RequiresScope required, Map<String, String> pathVariables) {
    Caller caller = resolve(authorization, required.value());
    Scope scope = tokens.scope(required.value());
    if (!required.owner().isEmpty()) {
      requireOwner(caller, ownerId(pathVariables.get(required.owner())), scope);
      return;
    }
    switch (scope) {
      case READ -> requireRead(caller);
      case REGISTER -> requireRegister(caller);
      case ENROLL, WRITE, ADMIN -> requireService(caller, scope, "this operation requires a token with the " + name(scope) + " scope");
    }
  }

  /** Service tokens only: an instance token is a worker's, not an operator's, and sees no health details. */
  @Override
  public Optional<String> holder(@Nullable String authorization) {
    return TokenHolders.of(tokens).holder(authorization);
  }

  /** The caller of a request with this {@code Authorization} header value (may be null). */
  public Caller resolve(@Nullable String authorization) {
    return resolve(authorization, null);
  }

  /** The caller, for an operation that needs {@code scope}: an invalid token's refusal names it. */
  private Caller resolve(@Nullable String authorization, @Nullable String scope) {
    Optional<String> bearer = tokens.bearer(authorization);
    if (bearer.isEmpty()) {
      return new Caller.Anonymous();
    }
    String token = bearer.get();
    if (EnrollmentTokens.isEnrollmentToken(token)) {
      // An early answer before the body is read; the registration consumes it atomically.
      String hash = Tokens.sha256(token);
      if (enrollments.find(hash).isEmpty()) {
        throw EnrollmentTokens.notValid();
      }
      return new Caller.Enrollment(hash);
    }
    OptionalLong claimed = InstanceTokens.claimedInstance(token);
    if (claimed.isPresent()) {
      // An early answer before the body is read; the write checks the token again atomically
      // (see Authority), since the record may be registered or replaced after this look-up.
      // Absent and holding another token answer alike, so the answer tells nothing about the id.
      InstanceEntry entry = store.get(claimed.getAsLong()).orElse(null);
      if (!new Authority.InstanceToken(Tokens.sha256(token)).mayWrite(entry)) {
        throw InstanceTokens.notHeld();
      }
      return new Caller.Instance(claimed.getAsLong());
    }
    ServiceTokens.Holder<Scope> holder = tokens.holder(token)
        .orElseThrow(() -> tokens.unauthenticated("the bearer token is not valid", scope));
    return new Caller.Service(holder.name(), holder.scopes());
  }

  /**
   * On whose authority a request that passed {@link #check} writes an instance: an instance
   * token's, which the store checks again in the write, or a service token's.
   */
  public Authority authority(@Nullable String authorization) {
    String token = tokens.bearer(authorization).orElseThrow(() -> tokens.unauthenticated("a bearer token is required"));
    if (InstanceTokens.claimedInstance(token).isPresent()) {
      return new Authority.InstanceToken(Tokens.sha256(token));
    }
    tokens.holder(token).orElseThrow(() -> tokens.unauthenticated("the bearer token is not valid"));
    return Authority.SERVICE;
  }

  public void requireRead(Caller caller) {
    if (caller instanceof Caller.Anonymous && anonymousRead) {
      return;
    }
    requireService(caller, Scope.READ, "reading the registry requires a token with the read scope");
  }

  /** A service token with the register scope, or an enrollment token (spent by the registration). */
  public void requireRegister(Caller caller) {
    if (caller instanceof Caller.Enrollment) {
      return;
    }
    requireService(caller, Scope.REGISTER, "registering requires a token with the register scope or an enrollment token");
  }

  /** Heartbeat and deregister: the instance's own token, or a service token with write. */
  public void requireInstance(Caller caller, long instanceId) {
    requireOwner(caller, OptionalLong.of(instanceId), Scope.WRITE);
  }

  private void requireOwner(Caller caller, OptionalLong instanceId, Scope scope) {
    switch (caller) {
      case Caller.Anonymous anonymous ->
          throw tokens.unauthenticated("this operation requires the instance's token or a token with the " + name(scope) + " scope");
      case Caller.Service service -> requireScope(service, scope);
      case Caller.Enrollment enrollment -> throw EnrollmentTokens.registerOnly();
      case Caller.Instance instance -> {
        if (instanceId.isEmpty() || instance.instanceId() != instanceId.getAsLong()) {
          throw new AccessDeniedException("this instance token belongs to another instance");
        }
      }
    }
  }

  private void requireService(Caller caller, Scope scope, String anonymousMessage) {
    switch (caller) {
      case Caller.Anonymous anonymous -> throw tokens.unauthenticated(anonymousMessage);
      case Caller.Service service -> requireScope(service, scope);
      case Caller.Enrollment enrollment -> throw EnrollmentTokens.registerOnly();
      case Caller.Instance instance -> throw new AccessDeniedException(INSTANCE_ONLY);
    }
  }

  private static void requireScope(Caller.Service service, Scope scope) {
    if (!scope.grantedBy(service.scopes())) {
      throw new AccessDeniedException("token '" + service.name() + "' lacks the " + name(scope) + " scope");
    }
  }

  /** An id that is not a number names no instance: no instance token owns it. */
  private static OptionalLong ownerId(@Nullable String value) {
    try {
      return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static String name(Scope scope) {
    return scope.name().toLowerCase(Locale.ROOT);
  }
}
