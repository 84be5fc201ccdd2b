package dev.vastmesh.support.config;

import dev.vastmesh.support.security.TokenHolders;
import dev.vastmesh.support.web.ActuatorPrincipalFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * In a servlet service with {@link TokenHolders}, the actuator's authorised callers are the
 * holders of its tokens ({@code management.endpoint.health.show-details=when-authorized} is a
 * shared default). A service without tokens shows details to no one.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "jakarta.servlet.Filter")
@ConditionalOnBean(TokenHolders.class)
public class ActuatorAccessAutoConfiguration {

  @Bean
  ActuatorPrincipalFilter actuatorPrincipalFilter(TokenHolders holders) {
    return new ActuatorPrincipalFilter(holders);
  }
}
