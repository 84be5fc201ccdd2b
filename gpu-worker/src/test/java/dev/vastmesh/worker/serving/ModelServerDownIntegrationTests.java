package dev.vastmesh.worker.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** When the model server cannot be reached the worker answers 500 (the protocol's code for it). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "vastmesh.worker.vast.unsecured=true", "vastmesh.worker.token=t",
    "vastmesh.worker.model-server=http://127.0.0.1:9",
    "vastmesh.worker.handlers[0].route=/v1/embeddings"})
class ModelServerDownIntegrationTests {

  @LocalServerPort
  int port;

  @Test
  void anUnreachableModelServerIs500() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/embeddings"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer t")
        .POST(HttpRequest.BodyPublishers.ofString("{\"input\":[\"a\"]}")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).isEqualTo("{\"error\":\"model server unavailable\"}");
  }
}
