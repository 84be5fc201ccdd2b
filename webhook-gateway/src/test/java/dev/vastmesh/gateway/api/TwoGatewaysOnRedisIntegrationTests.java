package dev.vastmesh.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.events.EventCodec;
import dev.vastmesh.events.EventStreams;
import dev.vastmesh.events.EventType;
import dev.vastmesh.events.testing.EventFixtures;
import dev.vastmesh.testsupport.RedisTestSupport;
import dev.vastmesh.testsupport.ServiceClient.Response;
import dev.vastmesh.gateway.GatewayApplication;
import dev.vastmesh.gateway.support.GatewayClient;
import dev.vastmesh.gateway.support.Signed;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Two gateways on one real Redis share replays, rate limits and the hand-off stream. */
class TwoGatewaysOnRedisIntegrationTests {

  static final String PREFIX = RedisTestSupport.uniquePrefix();
  static final String STREAM = PREFIX + "events";
  static ConfigurableApplicationContext a;
  static ConfigurableApplicationContext b;
  static GatewayClient viaA;
  static GatewayClient viaB;

  @BeforeAll
  static void start() {
    a = gateway();
    b = gateway();
    viaA = new GatewayClient(((WebServerApplicationContext) a).getWebServer().getPort());
    viaB = new GatewayClient(((WebServerApplicationContext) b).getWebServer().getPort());
  }

  @AfterAll
  static void stop() {
    StringRedisTemplate redis = a.getBean(StringRedisTemplate.class);
    var keys = redis.keys(PREFIX + "*");
    if (keys != null && !keys.isEmpty()) {
      redis.delete(keys);
    }
    b.close();
    a.close();
  }

  private static ConfigurableApplicationContext gateway() {
    return new SpringApplicationBuilder(GatewayApplication.class).run(
        "--server.port=0",
        "--vastmesh.gateway.state=redis",
        "--vastmesh.gateway.redis.key-prefix=" + PREFIX,
        "--vastmesh.gateway.redis.stream=" + STREAM,
        "--spring.data.redis.host=" + RedisTestSupport.host(),
        "--spring.data.redis.port=" + RedisTestSupport.port(),
        "--vastmesh.gateway.sources.ci.scheme=standard_webhooks",
        "--vastmesh.gateway.sources.ci.secrets[0]=" + Signed.SECRET,
        "--vastmesh.gateway.sources.ci.trigger-id.header=X-Trigger-Id",
        "--vastmesh.gateway.sources.ci.rate-per-minute=3");
  }

  private static String freshEvent() {
    return new String(EventFixtures.bytes(EventType.DEPLOYMENT_COMPLETED), StandardCharsets.UTF_8)
        .replaceFirst("\"id\":\"[^\"]+\"", "\"id\":\"" + UUID.randomUUID() + "\"");
  }

  private static Response send(GatewayClient via, String body, String[] headers) {
    return via.postWithHeaders("/api/v1/webhooks/{source}", new Object[] {"ci"}, "application/json",
        body.getBytes(StandardCharsets.UTF_8), headers);
  }

  @Test
  void aReplaySentToTheOtherGatewayIsCaughtAndTheEventIsInTheStreamOnce() {
    String body = freshEvent();
    String[] headers = Signed.with(Signed.standard(body, Instant.now()), "X-Trigger-Id", UUID.randomUUID().toString());

    Response first = send(viaA, body, headers);
    Response replay = send(viaB, body, headers);

    assertThat(first.status()).isEqualTo(202);
    assertThat(replay.status()).isEqualTo(200);
    String eventId = first.json().get("event_id").asString();
    assertThat(replay.json().get("event_id").asString()).isEqualTo(eventId);
    List<MapRecord<String, Object, Object>> records = a.getBean(StringRedisTemplate.class).opsForStream().range(STREAM, Range.unbounded());
    assertThat(records).filteredOn(r -> eventId.equals(r.getValue().get(EventStreams.ID_FIELD))).singleElement().satisfies(r -> {
      assertThat(r.getValue().get(EventStreams.TYPE_FIELD)).isEqualTo("vastai.deployment.completed");
      assertThat(EventCodec.standard().parse(((String) r.getValue().get(EventStreams.EVENT_FIELD)).getBytes(StandardCharsets.UTF_8)).id())
          .isEqualTo(eventId);
    });
  }

  @Test
  void thePerTriggerLimitIsGlobalAcrossGateways() {
    String trigger = "pipeline-" + UUID.randomUUID();
    GatewayClient[] order = {viaA, viaB, viaA};
    for (GatewayClient via : order) {
      String body = freshEvent();
      assertThat(send(via, body, Signed.with(Signed.standard(body, Instant.now()), "X-Trigger-Id", trigger)).status()).isEqualTo(202);
    }
    String body = freshEvent();

    Response limited = send(viaB, body, Signed.with(Signed.standard(body, Instant.now()), "X-Trigger-Id", trigger));

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("Retry-After")).isNotBlank();
  }
}
