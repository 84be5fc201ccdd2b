package dev.vastmesh.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.registry.support.OpenApiContract;
import dev.vastmesh.registry.support.RegistryClient;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

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
    JsonNode running = new RegistryClient(port).get("/v3/api-docs", "", null).json();
    JsonNode contract = OpenApiContract.get().root();

    assertThat(operations(contract)).hasSize(6);
    assertThat(operations(running)).isEqualTo(operations(contract));
  }

  @Test
  void swaggerUiServesTheContractFile() {
    RegistryClient client = new RegistryClient(port);
    assertThat(client.get("/swagger-ui/index.html", "", null).status()).isEqualTo(200);
    RegistryClient.Response file = client.get("/openapi/vastai-registry.openapi.yml", "", null);
    assertThat(file.status()).isEqualTo(200);
    assertThat(file.body()).startsWith("openapi: 3.1.0");
  }

  /** "METHOD path" → its parameter names with where they go, for registry paths. */
  private static Map<String, Set<String>> operations(JsonNode openapi) {
    Map<String, Set<String>> operations = new TreeMap<>();
    openapi.get("paths").properties().forEach(path -> {
      if (!path.getKey().startsWith("/api/v1/vastai/registry")) {
        return;
      }
      Set<String> shared = parameters(path.getValue().path("parameters"));
      path.getValue().properties().forEach(method -> {
        if (method.getKey().equals("parameters")) {
          return;
        }
        Set<String> parameters = new TreeSet<>(shared);
        parameters.addAll(parameters(method.getValue().path("parameters")));
        parameters.removeIf(p -> p.equals("header:Authorization"));
        if (method.getValue().has("requestBody")) {
          parameters.add("body:" + method.getValue().path("requestBody").path("content").propertyNames());
        }
        operations.put(method.getKey().toUpperCase() + " " + path.getKey(), parameters);
      });
    });
    return operations;
  }

  private static Set<String> parameters(JsonNode list) {
    Set<String> names = new TreeSet<>();
    list.forEach(p -> names.add(p.path("in").asString() + ":" + p.path("name").asString()));
    return names;
  }
}
