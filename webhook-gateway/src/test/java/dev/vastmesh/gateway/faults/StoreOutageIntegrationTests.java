package dev.vastmesh.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.events.EventType;
import dev.vastmesh.events.testing.EventFixtures;
import dev.vastmesh.testsupport.OwnRedis;
import dev.vastmesh.testsupport.Probes;
import dev.vastmesh.testsupport.ServiceClient.Response;
import dev.vastmesh.gateway.GatewayApplication;
import dev.vastmesh.gateway.support.GatewayClient;
import dev.vastmesh.gateway.support.Signed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Redis-mode gateway on a Redis of the test's own, frozen with SIGSTOP for longer than the
 * command timeout: webhooks answer 503 with Retry-After: 5 within seconds, health answers DOWN
 * and readiness fails; after Redis resumes, the sender's retry of the very message that failed
 * is accepted (its reservation did not outlive the outage), without a restart.
 */
class StoreOutageIntegrationTests {

  static OwnRedis redis;
  static ConfigurableApplicationContext gateway;
  static GatewayClient api;

  @BeforeAll
  static void start() {
    redis = OwnRedis.start(Path.of("target", "gateway-outage-redis.log"));
    gateway = new SpringApplicationBuilder(GatewayApplication.class).run(
        "--server.port=0",
        "--vastmesh.gateway.state=redis",
        "--spring.data.redis.host=" + redis.host(),
        "--spring.data.redis.port=" + redis.port(),
        "--spring.data.redis.timeout=1s",
        "--vastmesh.gateway.sources.ci.scheme=standard_webhooks",
        "--vastmesh.gateway.sources.ci.secrets[0]=" + Signed.SECRET);
    api = new GatewayClient(((WebServerApplicationContext) gateway).getWebServer().getPort());
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
    redis.close();
  }

  private static String freshEvent() {
    return new String(EventFixtures.bytes(EventType.DEPLOYMENT_COMPLETED), StandardCharsets.UTF_8)
        .replaceFirst("\"id\":\"[^\"]+\"", "\"id\":\"" + UUID.randomUUID() + "\"");
  }

  private static Response send(String body, String[] headers) {
    return api.postWithHeaders("/api/v1/webhooks/{source}", new Object[] {"ci"}, "application/json",
        body.getBytes(StandardCharsets.UTF_8), headers);
  }

  @Test
  void aFrozenStoreAnswers503QuicklyAndTheFailedMessageIsAcceptedOnceRedisResumes() {
    String first = freshEvent();
    assertThat(send(first, Signed.standard(first, Instant.now())).status()).isEqualTo(202);

    String body = freshEvent();
    String[] headers = Signed.standard(body, Instant.now());
    redis.freeze();
    try {
      Response refused = Probes.assertUnavailableWithin(Duration.ofSeconds(10), () -> send(body, headers));
      assertThat(refused.json().get("type").asString()).isEqualTo("https://vastmesh.dev/problems/unavailable");

      Probes.assertDown(api);
    } finally {
      redis.thaw();
    }

    Probes.awaitReady(api, Duration.ofSeconds(20));
    // Well within the reservation's 30 s lease: the retry is processed, not answered "in progress".
    await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofSeconds(1)).until(() -> send(body, headers).status() == 202);
  }
}
