package dev.vastmesh.registry.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.testsupport.OwnRedis;
import dev.vastmesh.testsupport.SpawnedService;
import dev.vastmesh.registry.RegistryApplication;
import dev.vastmesh.registry.support.RegistryClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two registry processes on a Redis of the test's own; a fleet heartbeats through both, as
 * through a balancer. One replica is killed with SIGKILL: the fleet's heartbeats move to the
 * other, which has every instance, expires none of them over twice their TTL, and takes writes.
 */
class ReplicaKillIntegrationTests {

  static final String BASE = "/api/v1/vastai/registry";
  static final String TOKEN = "admin-token";
  static final int FLEET = 40;
  static final int TTL_SECONDS = 4;

  final OwnRedis redis = OwnRedis.start(Path.of("target", "replica-kill-redis.log"));
  SpawnedService a;
  SpawnedService b;

  @AfterEach
  void stop() {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
    redis.close();
  }

  private SpawnedService replica(String name) {
    return SpawnedService.start(name, RegistryApplication.class, List.of(
        "--vastmesh.registry.state=redis",
        "--spring.data.redis.host=" + redis.host(),
        "--spring.data.redis.port=" + redis.port(),
        "--vastmesh.registry.expiry.sweep-interval=1s",
        "--vastmesh.registry.ttl.min=1s",
        "--vastmesh.registry.security.tokens[0].name=admin",
        "--vastmesh.registry.security.tokens[0].value=" + TOKEN,
        "--vastmesh.registry.security.tokens[0].scopes=admin"));
  }

  private static int count(RegistryClient via) {
    return via.get(BASE, "limit=1000", TOKEN).json().get("count").asInt();
  }

  /** Every instance heartbeats through {@code via}; true when all were renewed. */
  private static boolean heartbeatAll(RegistryClient via) {
    return LongStream.rangeClosed(1, FLEET).mapToObj(id -> via.post(BASE + "/{instanceId}/heartbeat", TOKEN, null, id).status())
        .toList().stream().allMatch(status -> status == 200);
  }

  @Test
  void killingAReplicaExpiresNothingAndTheOtherCarriesOn() {
    a = replica("registry-kill-a");
    b = replica("registry-kill-b");
    a.awaitReady();
    b.awaitReady();
    RegistryClient viaA = new RegistryClient(a.port());
    RegistryClient viaB = new RegistryClient(b.port());
    for (long id = 1; id <= FLEET; id++) {
      RegistryClient via = id % 2 == 0 ? viaA : viaB;
      assertThat(via.post(BASE + "/register", TOKEN, "{\"instance_id\": " + id + ", \"ttl_seconds\": " + TTL_SECONDS + "}").status())
          .isEqualTo(201);
    }
    assertThat(heartbeatAll(viaA)).isTrue();

    a.kill();
    assertThat(a.exitValue()).isNotZero();

    // The fleet keeps heartbeating, now through b, for twice the TTL: b must lose nobody.
    long until = System.nanoTime() + Duration.ofSeconds(2L * TTL_SECONDS).toNanos();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> heartbeatAll(viaB) && count(viaB) == FLEET && System.nanoTime() > until);
    assertThat(count(viaB)).isEqualTo(FLEET);
    assertThat(viaB.get("/actuator/prometheus", "", null).body()).contains("vastmesh_registry_expirations_total 0.0");
    assertThat(viaB.post(BASE + "/register", TOKEN, "{\"instance_id\": 999, \"ttl_seconds\": 60}").status()).isEqualTo(201);
  }
}
