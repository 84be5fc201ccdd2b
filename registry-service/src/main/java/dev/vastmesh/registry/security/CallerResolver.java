package dev.vastmesh.registry.security;

import dev.vastmesh.registry.config.RegistryProperties;
import dev.vastmesh.registry.instance.InstanceEntry;
import dev.vastmesh.registry.store.InstanceStore;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Establishes the {@link Caller} from an {@code Authorization: Bearer} header and checks what it
 * may do. No write is ever anonymous; reads are anonymous only when configured so.
 *
 * <p>When no token is configured, one admin token is generated and printed once on standard
 * output at start-up. It is deliberately not logged: logs are shipped and kept, and a secret in
 * them outlives the process.
 */
@Component
public class CallerResolver {

  private final Map<String, Caller.Service> servicesByHash = new HashMap<>();
  private final boolean anonymousRead;
  private final InstanceStore store;

  CallerResolver(RegistryProperties properties, InstanceStore store) {
    this.store = store;
    this.anonymousRead = properties.security().anonymousRead();
    for (RegistryProperties.Token token : properties.security().tokens()) {
      Set<Scope> scopes = token.scopes().stream().map(Scope::parse).collect(Collectors.toCollection(() -> EnumSet.noneOf(Scope.class)));
      servicesByHash.put(Tokens.sha256(token.value()), new Caller.Service(token.name(), Set.copyOf(scopes)));
    }
    if (servicesByHash.isEmpty()) {
      String generated = Tokens.random("vmt_");
      servicesByHash.put(Tokens.sha256(generated), new Caller.Service("generated-admin", Set.of(Scope.ADMIN)));
      System.out.println("""

          registry-service: no API token is configured (vastmesh.registry.security.tokens), so this
          run generated an admin token. It is shown once, here, and never logged:

              Authorization: Bearer %s
          """.formatted(generated));
    }
  }

  /** The caller of a request with this {@code Authorization} header value (may be null). */
  public Caller resolve(@Nullable String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return new Caller.Anonymous();
    }
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.length() <= 7) {
      throw new AuthenticationException("the Authorization header must be 'Bearer <token>'");
    }
    String token = authorization.substring(7).trim();
    OptionalLong claimed = InstanceTokens.claimedInstance(token);
    if (claimed.isPresent()) {
      Optional<InstanceEntry> entry = store.get(claimed.getAsLong());
      if (entry.isEmpty()) {
        // The instance is gone (expired and swept, or deregistered). Its token can do nothing
        // to anything else; letting it through makes the heartbeat answer 404, which tells the
        // worker to register again, as the protocol promises.
        return new Caller.Instance(claimed.getAsLong());
      }
      if (Tokens.sameHash(entry.get().tokenHash(), Tokens.sha256(token))) {
        return new Caller.Instance(claimed.getAsLong());
      }
      throw new AuthenticationException("the instance token is not valid (it is replaced when the instance registers again)");
    }
    Caller.Service service = servicesByHash.get(Tokens.sha256(token));
    if (service == null) {
      throw new AuthenticationException("the bearer token is not valid");
    }
    return service;
  }

  public void requireRead(Caller caller) {
    switch (caller) {
      case Caller.Anonymous anonymous -> {
        if (!anonymousRead) {
          throw new AuthenticationException("reading the registry requires a token with the read scope");
        }
      }
      case Caller.Service service -> requireScope(service, Scope.READ);
      case Caller.Instance instance -> throw new AccessDeniedException("an instance token can only heartbeat or deregister its own instance");
    }
  }

  public void requireRegister(Caller caller) {
    switch (caller) {
      case Caller.Anonymous anonymous -> throw new AuthenticationException("registering requires a token with the register scope");
      case Caller.Service service -> requireScope(service, Scope.REGISTER);
      case Caller.Instance instance -> throw new AccessDeniedException("an instance token can only heartbeat or deregister its own instance");
    }
  }

  /** Heartbeat and deregister: the instance's own token, or a service token with write. */
  public void requireInstance(Caller caller, long instanceId) {
    switch (caller) {
      case Caller.Anonymous anonymous -> throw new AuthenticationException("this operation requires the instance's token or a token with the write scope");
      case Caller.Service service -> requireScope(service, Scope.WRITE);
      case Caller.Instance instance -> {
        if (instance.instanceId() != instanceId) {
          throw new AccessDeniedException("this instance token belongs to another instance");
        }
      }
    }
  }

  private static void requireScope(Caller.Service service, Scope scope) {
    if (!scope.grantedBy(service.scopes())) {
      throw new AccessDeniedException("token '" + service.name() + "' lacks the " + scope.name().toLowerCase() + " scope");
    }
  }
}
