package dev.vastmesh.router.support;

import dev.vastmesh.testsupport.OpenApiContract;
import dev.vastmesh.testsupport.ServiceClient;

/** A {@link ServiceClient} for the router: every response is checked against its contract. */
public final class RouterClient extends ServiceClient {

  public RouterClient(int port) {
    super(port, OpenApiContract.of("event-router.openapi.yml"));
  }
}
