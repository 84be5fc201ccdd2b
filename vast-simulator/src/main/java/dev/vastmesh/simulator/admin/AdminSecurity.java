package dev.vastmesh.simulator.admin;

import dev.vastmesh.simulator.config.SimulatorProperties;
import dev.vastmesh.support.security.ScopeCheck;
import dev.vastmesh.support.security.ServiceTokens;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The admin API's bearer tokens, apart from the Vast API keys: a CI job's Vast key must not be
 * able to break its own simulator. With none configured, one is generated and printed once.
 */
@Configuration(proxyBeanMethods = false)
class AdminSecurity {

  @Bean
  ServiceTokens<AdminScope> adminTokens(SimulatorProperties properties) {
    return new ServiceTokens<>(AdminScope.class, properties.admin().tokens(), "vast-simulator",
        SimulatorProperties.PREFIX + ".admin.tokens", "vsa_", AdminScope.ADMIN);
  }

  @Bean
  ScopeCheck scopeCheck(ServiceTokens<AdminScope> tokens) {
    return ScopeCheck.bearer(tokens, AdminScope.ADMIN);
  }
}
