package dev.vastmesh.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.registry.support.RegistryClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Reads can be opened explicitly (for Prometheus discovery); writes never can. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "vastmesh.registry.security.anonymous-read=true",
    "vastmesh.registry.security.tokens[0].name=ci", "vastmesh.registry.security.tokens[0].value=register-token",
    "vastmesh.registry.security.tokens[0].scopes=register"})
class AnonymousReadIntegrationTests {

  @LocalServerPort
  int port;

  @Test
  void anonymousCallersMayReadButNeverWrite() {
    RegistryClient api = new RegistryClient(port);
    String base = "/api/v1/vastai/registry";
    assertThat(api.post(base + "/register", "register-token", "{\"instance_id\": 5}").status()).isEqualTo(201);

    assertThat(api.get(base, "environment=prod&status=ready", null).status()).isEqualTo(200);
    assertThat(api.get(base + "/{instanceId}", "", null, 5).status()).isEqualTo(200);
    assertThat(api.get(base + "/prometheus-sd", "", null).status()).isEqualTo(200);

    assertThat(api.post(base + "/register", null, "{\"instance_id\": 6}").status()).isEqualTo(401);
    assertThat(api.post(base + "/{instanceId}/heartbeat", null, null, 5).status()).isEqualTo(401);
    assertThat(api.delete(base + "/{instanceId}", null, 5).status()).isEqualTo(401);
  }
}
