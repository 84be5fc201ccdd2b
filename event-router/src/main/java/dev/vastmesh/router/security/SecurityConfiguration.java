package dev.vastmesh.router.security;

import dev.vastmesh.router.config.RouterProperties;
import dev.vastmesh.support.security.ScopeCheck;
import dev.vastmesh.support.security.ServiceTokens;
import dev.vastmesh.support.security.TokenHolders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Service tokens, held as SHA-256 hashes; with none configured, one admin token is generated into
 * a file only this user can read, whose path is printed (the token never is, nor logged). Every handler that needs one says which scope
 * with {@code @RequiresScope}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  ServiceTokens<Scope> serviceTokens(RouterProperties properties) {
    return new ServiceTokens<>(Scope.class, properties.tokens(), "router", RouterProperties.PREFIX + ".tokens", "vmr_", Scope.ADMIN);
  }

  @Bean
  ScopeCheck scopeCheck(ServiceTokens<Scope> tokens) {
    return ScopeCheck.bearer(tokens, Scope.ADMIN);
  }

  /** The holders of these tokens see the health details; anonymous probes the status. */
  @Bean
  TokenHolders tokenHolders(ServiceTokens<Scope> tokens) {
    return TokenHolders.of(tokens);
  }
}
