package dev.vastmesh.registry.support;

import dev.vastmesh.testsupport.OpenApiContract;
import dev.vastmesh.testsupport.ServiceClient;

/** A {@link ServiceClient} for the registry: every response is checked against its contract. */
public final class RegistryClient extends ServiceClient {

  public RegistryClient(int port) {
    super(port, OpenApiContract.of("vastai-registry.openapi.yml"));
  }
}
