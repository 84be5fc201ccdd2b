package dev.vastmesh.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.registry.support.RegistryClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The running service and openapi/vastai-registry.openapi.yml describe the same API: the same
 * paths, methods and parameters (read from the service's own mappings via springdoc). Status
 * codes and schemas are checked on every response of the integration tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiContractTests {

  @LocalServerPort
  int port;

  @Test
  void runningServiceHasExactlyTheContractsOperationsAndParameters() {
    new RegistryClient(port).assertServesExactlyTheContract("/api/v1/vastai/registry", 6);
  }

  @Test
  void swaggerUiServesTheContractFile() {
    RegistryClient client = new RegistryClient(port);
    assertThat(client.get("/swagger-ui/index.html", "", null).status()).isEqualTo(200);
    dev.vastmesh.testsupport.ServiceClient.Response file = client.get("/openapi/vastai-registry.openapi.yml", "", null);
    assertThat(file.status()).isEqualTo(200);
    assertThat(file.body()).startsWith("openapi: 3.1.0");
  }
}
