package dev.vastmesh.costmonitor.security;

import dev.vastmesh.costmonitor.config.CostMonitorProperties;
import dev.vastmesh.support.security.AccessDeniedException;
import dev.vastmesh.support.security.ScopeCheck;
import dev.vastmesh.support.security.ServiceTokens;
import dev.vastmesh.support.security.TokenHolders;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Service tokens held as SHA-256 hashes; with none configured, one admin token is generated into a
 * file only this user reads. {@code write} implies {@code read}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  ServiceTokens<Scope> serviceTokens(CostMonitorProperties properties) {
    return new ServiceTokens<>(Scope.class, properties.tokens(), "cost-monitor", CostMonitorProperties.PREFIX + ".tokens", "vmc_",
        Scope.ADMIN);
  }

  @Bean
  ScopeCheck scopeCheck(ServiceTokens<Scope> tokens) {
    return (authorization, required, pathVariables) -> {
      Set<Scope> granted = tokens.authenticate(authorization, required.value()).scopes();
      Scope scope = tokens.scope(required.value());
      boolean allowed = granted.contains(scope) || granted.contains(Scope.ADMIN) || scope == Scope.READ && granted.contains(Scope.WRITE);
      if (!allowed) {
        throw new AccessDeniedException("the token lacks the " + required.value() + " scope");
      }
    };
  }

  /** The holders of these tokens see the health details; anonymous probes the status. */
  @Bean
  TokenHolders tokenHolders(ServiceTokens<Scope> tokens) {
    return TokenHolders.of(tokens);
  }
}
