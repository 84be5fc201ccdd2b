package dev.vastmesh.router.routing;

import dev.vastmesh.router.config.RouterProperties;

/** A configured agent with its decoded signing key. */
public record Agent(String name, RouterProperties.Agent config, String secret) {

  @Override
  public String toString() {
    return "Agent[" + name + " -> " + config.url() + "]";
  }
}
