package dev.vastmesh.router.routing;

import dev.vastmesh.router.config.RouterProperties;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

  @Bean
  RoutingTable routingTable(RouterProperties properties) {
    Map<String, Agent> agents = new LinkedHashMap<>();
    properties.agents().forEach((name, config) -> agents.put(name, new Agent(name, config, secretOf(name, config))));
    return new RoutingTable(properties, agents);
  }

  /** The agent's secret; generated and printed once (never logged) when none is configured. */
  private static String secretOf(String name, RouterProperties.Agent config) {
    if (config.secret() != null && !config.secret().isBlank()) {
      if (!config.secret().startsWith("whsec_")) {
        throw new IllegalStateException(RouterProperties.PREFIX + ".agents." + name + ".secret must be a whsec_ secret");
      }
      return config.secret();
    }
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
    System.out.println("event-router: agent '" + name + "' has no signing secret configured; this run signs with "
        + secret + " (shown once, never logged)");
    return secret;
  }
}
