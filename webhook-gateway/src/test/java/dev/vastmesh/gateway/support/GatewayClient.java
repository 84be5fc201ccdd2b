package dev.vastmesh.gateway.support;

import dev.vastmesh.testsupport.OpenApiContract;
import dev.vastmesh.testsupport.ServiceClient;

/** A {@link ServiceClient} for the gateway: every response is checked against its contract. */
public final class GatewayClient extends ServiceClient {

  public GatewayClient(int port) {
    super(port, OpenApiContract.of("webhook-gateway.openapi.yml"));
  }
}
