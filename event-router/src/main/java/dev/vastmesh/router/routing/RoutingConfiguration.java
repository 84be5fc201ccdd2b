package dev.vastmesh.router.routing;

import dev.vastmesh.events.StandardWebhooks;
import dev.vastmesh.router.config.RouterProperties;
import dev.vastmesh.support.security.GeneratedToken;
import java.nio.file.Path;
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

  /**
   * The agent's secret; when none is configured, generated into a file only this user can read,
   * whose path is printed (the secret itself never is, nor logged).
   */
  private static String secretOf(String name, RouterProperties.Agent config) {
    if (config.secret() != null && !config.secret().isBlank()) {
      try {
        StandardWebhooks.decodeSecret(config.secret());
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(RouterProperties.PREFIX + ".agents." + name + ".secret: " + e.getMessage());
      }
      return config.secret();
    }
    String secret = StandardWebhooks.generateSecret();
    Path file = GeneratedToken.write(GeneratedToken.defaultDirectory(), "vastmesh-router-agent-" + name.replaceAll("[^A-Za-z0-9-]", "_") + "-secret-", secret);
    System.out.println("event-router: agent '" + name + "' has no signing secret configured; this run signs with the secret in "
        + file + " (readable only by this user; never printed or logged)");
    return secret;
  }
}
