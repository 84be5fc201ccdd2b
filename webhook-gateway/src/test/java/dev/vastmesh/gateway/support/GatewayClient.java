package dev.vastmesh.gateway.support;

import dev.vastmesh.events.testing.OpenApiContract;
import dev.vastmesh.events.testing.ServiceClient;

/** A {@link ServiceClient} for the gateway: every response is checked against its contract. */
public final class GatewayClient extends ServiceClient {

  public GatewayClient(int port) {
    super(port, OpenApiContract.of("webhook-gateway.openapi.yml"));
  }
}
