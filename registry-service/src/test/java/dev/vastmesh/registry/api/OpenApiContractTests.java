package dev.vastmesh.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.registry.support.RegistryClient;
import dev.vastmesh.testsupport.ServiceClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The running service and openapi/vastai-registry.openapi.yml describe the same API: the same
 * paths, methods and parameters (read from the service's own mappings via springdoc). Status
 * codes and schemas are checked on every response of the integration tests. The service serves
 * the file itself at /v3/api-docs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = ServiceClient.GENERATED_API_DOCS_PROPERTY)
class OpenApiContractTests {

  @LocalServerPort
  int port;

  @Test
  void runningServiceHasExactlyTheContractsOperationsAndParameters() {
    new RegistryClient(port).assertServesExactlyTheContract("/api/v1/vastai/registry", 7);
  }

  @Test
  void apiDocsAreTheContractFile() {
    new RegistryClient(port).assertApiDocsAreTheContractFile("vastai-registry.openapi.yml");
  }

  @Test
  void swaggerUiServesTheContractFile() {
    RegistryClient client = new RegistryClient(port);
    assertThat(client.get("/swagger-ui/index.html", "", null).status()).isEqualTo(200);
    ServiceClient.Response file = client.get("/openapi/vastai-registry.openapi.yml", "", null);
    assertThat(file.status()).isEqualTo(200);
    assertThat(file.body()).startsWith("openapi: 3.1.0");
  }
}
