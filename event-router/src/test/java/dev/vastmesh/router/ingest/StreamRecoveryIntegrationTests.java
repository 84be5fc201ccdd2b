package dev.vastmesh.router.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.events.EventType;
import dev.vastmesh.events.testing.EventFixtures;
import dev.vastmesh.testsupport.RedisTestSupport;
import dev.vastmesh.router.support.FakeAgent;
import dev.vastmesh.router.support.RouterClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Redis restarted empty, as the router sees it: the stream and its consumer group are gone.
 * The router recreates the group by itself and delivers what is appended after the reset, and
 * says so in its metrics and health. What every group acknowledged is trimmed from the stream.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "vastmesh.router.state=redis",
    "vastmesh.router.tokens[0].name=gateway", "vastmesh.router.tokens[0].value=ingest-token", "vastmesh.router.tokens[0].scopes=ingest",
    "vastmesh.router.agents.cluster-operator.secret=" + StreamRecoveryIntegrationTests.SECRET,
    "vastmesh.router.agents.cost-intelligence-monitor.secret=" + StreamRecoveryIntegrationTests.SECRET,
    "vastmesh.router.redis.trim-interval=200ms"})
class StreamRecoveryIntegrationTests {

  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final String PREFIX = RedisTestSupport.uniquePrefix();
  static final FakeAgent AGENT = new FakeAgent(SECRET);

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    registry.add("vastmesh.router.redis.stream", () -> PREFIX + "events");
    registry.add("vastmesh.router.redis.key-prefix", () -> PREFIX);
    registry.add("spring.data.redis.host", RedisTestSupport::host);
    registry.add("spring.data.redis.port", RedisTestSupport::port);
    registry.add("vastmesh.router.agents.cluster-operator.url", AGENT::url);
    registry.add("vastmesh.router.agents.cost-intelligence-monitor.url", AGENT::url);
  }

  @LocalServerPort
  int port;
  @Autowired
  StringRedisTemplate redis;
  @Autowired
  MeterRegistry meters;

  @AfterAll
  static void cleanUp(@Autowired StringRedisTemplate redis) {
    Set<String> keys = redis.keys(PREFIX + "*");
    if (keys != null && !keys.isEmpty()) {
      redis.delete(keys);
    }
    AGENT.close();
  }

  private String send() {
    String id = UUID.randomUUID().toString();
    String event = new String(EventFixtures.bytes(EventType.MESH_HEARTBEAT), StandardCharsets.UTF_8)
        .replaceFirst("\"id\":\"[^\"]+\"", "\"id\":\"" + id + "\"");
    assertThat(new RouterClient(port).send("POST", "/api/v1/events", "", "ingest-token", event, "application/json").status())
        .isEqualTo(202);
    return id;
  }

  private boolean delivered(String id) {
    return AGENT.received().stream().anyMatch(r -> r.event().id().equals(id));
  }

  @Test
  void deliveredEntriesAreTrimmedFromTheStream() {
    for (int i = 0; i < 20; i++) {
      send();
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> redis.opsForStream().size(PREFIX + "events") == 0);
    await().atMost(Duration.ofSeconds(5)).until(() -> meters.get("vastmesh.router.stream.length").gauge().value() == 0);
  }

  @Test
  void theGroupIsRecreatedAfterTheStreamVanishesAndLaterEventsAreDelivered() {
    String before = send();
    await().atMost(Duration.ofSeconds(20)).until(() -> delivered(before));

    // What a Redis restarted without persistence looks like: no stream, no group.
    redis.delete(PREFIX + "events");
    String after = send();

    await().atMost(Duration.ofSeconds(20)).until(() -> delivered(after));
    assertThat(meters.get("vastmesh.router.stream.recoveries").counter().count()).isGreaterThanOrEqualTo(1);
    assertThat(meters.get("vastmesh.router.stream.recoveries").counter().getId().getDescription()).isNotBlank();
    assertThat(new RouterClient(port).get("/actuator/health", "", null).json().has("components"))
        .as("details only for a token holder").isFalse();
    var health = new RouterClient(port).get("/actuator/health", "", "ingest-token").json();
    assertThat(health.at("/components/eventStream/status").asString()).isEqualTo("UP");
    assertThat(health.at("/components/eventStream/details/groupRecoveries").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(new RouterClient(port).get("/actuator/health/readiness", "", null).status()).isEqualTo(200);
  }
}
