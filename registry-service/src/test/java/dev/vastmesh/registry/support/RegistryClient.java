package dev.vastmesh.registry.support;

import dev.vastmesh.events.testing.OpenApiContract;
import dev.vastmesh.events.testing.ServiceClient;

/** A {@link ServiceClient} for the registry: every response is checked against its contract. */
public final class RegistryClient extends ServiceClient {

  public RegistryClient(int port) {
    super(port, OpenApiContract.of("vastai-registry.openapi.yml"));
  }
}
