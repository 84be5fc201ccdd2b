package dev.vastmesh.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.events.StandardWebhooks;
import dev.vastmesh.gateway.support.FakeRouter;
import dev.vastmesh.gateway.support.GatewayClient;
import dev.vastmesh.gateway.support.Signed;
import dev.vastmesh.gateway.support.TestClock;
import dev.vastmesh.testsupport.AuthCase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway's one mutating endpoint, for each kind of source, with every credential that must
 * not pass. Webhooks prove themselves by signature, not by bearer token, so a token of any scope
 * counts as no signature; every refusal is the same vague 401 and nothing reaches the router.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "vastmesh.gateway.router.token=router-token",
    "vastmesh.gateway.sources.ci.scheme=standard_webhooks",
    "vastmesh.gateway.sources.ci.secrets[0]=" + Signed.SECRET,
    "vastmesh.gateway.sources.workers.scheme=standard_webhooks",
    "vastmesh.gateway.sources.workers.secrets[0]=" + AuthMatrixIntegrationTests.WORKERS_SECRET,
    "vastmesh.gateway.sources.gitlab.scheme=gitlab_token",
    "vastmesh.gateway.sources.gitlab.secrets[0]=gitlab-token-value"})
@Import(TestClock.class)
class AuthMatrixIntegrationTests {

  static final String WORKERS_SECRET = "whsec_dGhlIHdvcmtlcnMnIG93biBzZWNyZXQgMTIz";
  static final FakeRouter ROUTER = new FakeRouter();
  static final byte[] BODY = "{\"specversion\":\"1.0\"}".getBytes(StandardCharsets.UTF_8);

  @DynamicPropertySource
  static void router(DynamicPropertyRegistry registry) {
    registry.add("vastmesh.gateway.router.url", ROUTER::url);
  }

  @Autowired
  Clock clock;
  @LocalServerPort
  int port;

  @ParameterizedTest(name = "POST /api/v1/webhooks/{0} with {1} -> 401 signature-invalid")
  @CsvSource({
      "ci, no signature", "ci, wrong signature", "ci, bearer token of the router", "ci, signed with another source's secret",
      "ci, signed with a made-up secret",
      "gitlab, no signature", "gitlab, wrong signature", "gitlab, bearer token of the router",
      "gitlab, signed with another source's secret"})
  void aWebhookWithoutItsSourcesSignatureIsRefusedAndNotHandedOff(String source, String credential) {
    AuthCase cell = new AuthCase("POST", "/api/v1/webhooks/" + source, credential, null, 401, "signature-invalid");

    cell.assertRefused(new GatewayClient(port).postWithHeaders("/api/v1/webhooks/{source}", new Object[] {source},
        "application/json", BODY, headers(source, credential)));

    assertThat(ROUTER.received()).isEmpty();
  }

  private String[] headers(String source, String credential) {
    boolean gitlab = source.equals("gitlab");
    return switch (credential) {
      case "no signature" -> new String[0];
      case "wrong signature" -> gitlab ? new String[] {"X-Gitlab-Token", "wrong"} : tampered(signed(Signed.SECRET));
      case "bearer token of the router" -> new String[] {"Authorization", "Bearer router-token"};
      case "signed with another source's secret" -> gitlab ? new String[] {"X-Gitlab-Token", Signed.SECRET} : signed(WORKERS_SECRET);
      case "signed with a made-up secret" -> signed(StandardWebhooks.generateSecret());
      default -> throw new IllegalArgumentException(credential);
    };
  }

  private String[] signed(String secret) {
    String id = "msg_" + UUID.randomUUID();
    long timestamp = clock.instant().getEpochSecond();
    return new String[] {"webhook-id", id, "webhook-timestamp", Long.toString(timestamp),
        "webhook-signature", StandardWebhooks.forSecret(secret).sign(id, timestamp, BODY)};
  }

  private static String[] tampered(String[] headers) {
    String[] copy = headers.clone();
    copy[5] = "v1,AAAA" + headers[5].substring(7);
    return copy;
  }
}
