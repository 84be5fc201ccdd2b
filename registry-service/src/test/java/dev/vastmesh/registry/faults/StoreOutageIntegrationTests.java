package dev.vastmesh.registry.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.testsupport.OwnRedis;
import dev.vastmesh.testsupport.Probes;
import dev.vastmesh.testsupport.ServiceClient.Response;
import dev.vastmesh.registry.RegistryApplication;
import dev.vastmesh.registry.support.RegistryClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two registry replicas on a Redis of the test's own. Frozen with SIGSTOP for longer than the
 * command timeout: writes answer 503 with Retry-After within seconds, health answers DOWN (not
 * 500) and readiness fails; once Redis answers again, so does the registry. Restarted empty:
 * both replicas show exactly what is registered after the restart, no phantom and no gap. No
 * replica is restarted.
 */
class StoreOutageIntegrationTests {

  static final String BASE = "/api/v1/vastai/registry";
  static final String TOKEN = "admin-token";
  static OwnRedis redis;
  static ConfigurableApplicationContext registry;
  static ConfigurableApplicationContext other;
  static RegistryClient api;
  static RegistryClient otherApi;

  @BeforeAll
  static void start() {
    redis = OwnRedis.start(Path.of("target", "store-outage-redis.log"));
    registry = replica();
    other = replica();
    api = new RegistryClient(((WebServerApplicationContext) registry).getWebServer().getPort());
    otherApi = new RegistryClient(((WebServerApplicationContext) other).getWebServer().getPort());
  }

  private static ConfigurableApplicationContext replica() {
    return new SpringApplicationBuilder(RegistryApplication.class).run(
        "--server.port=0",
        "--vastmesh.registry.state=redis",
        "--spring.data.redis.host=" + redis.host(),
        "--spring.data.redis.port=" + redis.port(),
        "--spring.data.redis.timeout=1s",
        "--vastmesh.registry.security.tokens[0].name=admin",
        "--vastmesh.registry.security.tokens[0].value=" + TOKEN,
        "--vastmesh.registry.security.tokens[0].scopes=admin");
  }

  @AfterAll
  static void stop() {
    if (other != null) {
      other.close();
    }
    if (registry != null) {
      registry.close();
    }
    redis.close();
  }

  private static Response register(long id) {
    return api.post(BASE + "/register", TOKEN, "{\"instance_id\": " + id + ", \"ttl_seconds\": 60}");
  }

  @Test
  void aFrozenStoreAnswers503QuicklyFailsReadinessAndRecoversByItself() {
    assertThat(register(1).status()).isEqualTo(201);
    redis.freeze();
    try {
      Response refused = Probes.assertUnavailableWithin(Duration.ofSeconds(10), () -> register(2));
      assertThat(refused.json().get("type").asString()).isEqualTo("https://vastmesh.dev/problems/unavailable");
      Probes.assertUnavailableWithin(Duration.ofSeconds(10), () -> api.post(BASE + "/{instanceId}/heartbeat", TOKEN, null, 1));

      Probes.assertDown(api);
    } finally {
      redis.thaw();
    }

    Probes.awaitReady(api, Duration.ofSeconds(20));
    assertThat(register(2).status()).isEqualTo(201);
    assertThat(api.post(BASE + "/{instanceId}/heartbeat", TOKEN, null, 1).status()).isEqualTo(200);
  }

  private static List<Long> ids(RegistryClient via) {
    List<Long> ids = new ArrayList<>();
    via.get(BASE, "", TOKEN).json().get("instances").forEach(i -> ids.add(i.get("instance_id").asLong()));
    return ids;
  }

  @Test
  void afterRedisRestartsEmptyBothReplicasShowExactlyWhatWasRegisteredSince() {
    for (long id = 100; id < 110; id++) {
      assertThat(register(id).status()).isEqualTo(201);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> ids(otherApi).containsAll(List.of(100L, 109L)));

    redis.restartEmpty();
    List<Long> since = List.of(201L, 202L, 203L);
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
        .until(() -> otherApi.post(BASE + "/register", TOKEN, "{\"instance_id\": 201, \"ttl_seconds\": 60}").status() == 201);
    assertThat(register(202).status()).isEqualTo(201);
    assertThat(otherApi.post(BASE + "/register", TOKEN, "{\"instance_id\": 203, \"ttl_seconds\": 60}").status()).isEqualTo(201);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(ids(api)).as("replica a: no phantom, no gap").isEqualTo(since);
      assertThat(ids(otherApi)).as("replica b: no phantom, no gap").isEqualTo(since);
    });
    assertThat(api.get("/actuator/health", "", TOKEN).json().at("/components/registry/details/storeResets").asLong())
        .isGreaterThanOrEqualTo(1);
    assertThat(api.get("/actuator/prometheus", "", null).body()).containsPattern("vastmesh_registry_store_resets_total [1-9]");
  }
}
