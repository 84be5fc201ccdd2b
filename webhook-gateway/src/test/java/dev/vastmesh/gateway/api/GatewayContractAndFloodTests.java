package dev.vastmesh.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.testsupport.ServiceClient;
import dev.vastmesh.testsupport.ServiceClient.Response;
import dev.vastmesh.gateway.support.GatewayClient;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The running gateway matches openapi/webhook-gateway.openapi.yml, and a flood of bad
 * signatures from one client is cut off before the gateway computes an HMAC for each.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "vastmesh.gateway.sources.ci.scheme=standard_webhooks",
    "vastmesh.gateway.sources.ci.secrets[0]=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    "vastmesh.gateway.flood.per-client-per-minute=3", ServiceClient.GENERATED_API_DOCS_PROPERTY})
class GatewayContractAndFloodTests {

  @LocalServerPort
  int port;

  @Test
  void runningServiceHasExactlyTheContractsOperations() {
    GatewayClient api = new GatewayClient(port);
    api.assertServesExactlyTheContract("/api/", 1);
    assertThat(api.get("/openapi/webhook-gateway.openapi.yml", "", null).body()).startsWith("openapi: 3.1.0");
    api.assertApiDocsAreTheContractFile("webhook-gateway.openapi.yml");
    assertThat(api.get("/swagger-ui/index.html", "", null).status()).isEqualTo(200);
  }

  @Test
  void aFloodOfBadSignaturesIsCutOffBeforeVerification() {
    GatewayClient api = new GatewayClient(port);
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    String[] forged = {"webhook-id", "m", "webhook-timestamp", "1", "webhook-signature", "v1,Zm9yZ2Vk"};
    for (int i = 0; i < 3; i++) {
      assertThat(api.postWithHeaders("/api/v1/webhooks/{source}", new Object[] {"ci"}, "application/json", body, forged).status())
          .isEqualTo(401);
    }

    Response flooded = api.postWithHeaders("/api/v1/webhooks/{source}", new Object[] {"ci"}, "application/json", body, forged);

    assertThat(flooded.status()).isEqualTo(429);
    assertThat(flooded.header("Retry-After")).isNotBlank();
    assertThat(flooded.json().get("type").asString()).isEqualTo("https://vastmesh.dev/problems/rate-limited");
    String metrics = api.get("/actuator/prometheus", "", null).body();
    assertThat(metrics).contains("vastmesh_gateway_webhooks_total{outcome=\"rejected_flood\",source=\"ci\"} 1.0");
    assertThat(metrics).contains("vastmesh_gateway_verification_seconds_count{scheme=\"standard_webhooks\",source=\"ci\"} 3");
    assertThat(metrics).contains("vastmesh_gateway_handoff_queued 0.0");
    // One client, one flood bucket; nothing passed verification, so no trigger bucket.
    assertThat(metrics).contains("vastmesh_gateway_ratelimit_buckets{limit=\"flood\"} 1.0");
    assertThat(metrics).contains("vastmesh_gateway_ratelimit_buckets{limit=\"trigger\"} 0.0");
  }
}
