package dev.vastmesh.registry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.events.EventType;
import dev.vastmesh.registry.RegistryApplication;
import dev.vastmesh.registry.expiry.ExpirySweeper;
import dev.vastmesh.registry.store.InstanceStore;
import dev.vastmesh.testsupport.MutableClock;
import dev.vastmesh.registry.support.ForgedTokenRace;
import dev.vastmesh.registry.support.RecordingListener;
import dev.vastmesh.testsupport.RedisTestSupport;
import dev.vastmesh.registry.support.RegistryClient;
import dev.vastmesh.testsupport.ServiceClient.Response;
import dev.vastmesh.registry.support.RegistryTestConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import dev.vastmesh.events.EventStreams;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Two registry processes' worth of Spring contexts on one Redis behave as one registry. */
class TwoReplicasIntegrationTests {

  static final String BASE = "/api/v1/vastai/registry";
  static final String TOKEN = "admin-token";

  static final String PREFIX = RedisTestSupport.uniquePrefix();
  static final String STREAM = PREFIX + "events";
  static ConfigurableApplicationContext a;
  static ConfigurableApplicationContext b;
  static RegistryClient viaA;
  static RegistryClient viaB;

  @BeforeAll
  static void startReplicas() {
    a = replica(PREFIX);
    b = replica(PREFIX);
    viaA = new RegistryClient(((WebServerApplicationContext) a).getWebServer().getPort());
    viaB = new RegistryClient(((WebServerApplicationContext) b).getWebServer().getPort());
  }

  @AfterAll
  static void stopReplicas() {
    b.close();
    a.close();
  }

  private static ConfigurableApplicationContext replica(String prefix) {
    return new SpringApplicationBuilder(RegistryApplication.class, RegistryTestConfiguration.class).run(
        "--server.port=0",
        "--vastmesh.registry.state=redis",
        "--vastmesh.registry.redis.key-prefix=" + prefix,
        "--spring.data.redis.host=" + RedisTestSupport.host(),
        "--spring.data.redis.port=" + RedisTestSupport.port(),
        "--vastmesh.registry.security.tokens[0].name=admin",
        "--vastmesh.registry.security.tokens[0].value=" + TOKEN,
        "--vastmesh.registry.security.tokens[0].scopes=admin",
        "--vastmesh.registry.expiry.sweep-interval=1h",
        "--vastmesh.registry.ttl.min=1s",
        "--vastmesh.registry.events.stream=" + STREAM);
  }

  @Test
  void registeredViaOneReplicaIsListedHeartbeatedWatchedAndExpiredViaTheOther() throws Exception {
    long index = Long.parseLong(viaB.get(BASE, "", TOKEN).header("X-Vastmesh-Index"));
    CompletableFuture<Response> watchOnB = CompletableFuture.supplyAsync(() -> viaB.get(BASE, "index=" + index + "&wait=30s", TOKEN));
    await().until(() -> b.getBean(InstanceStore.class).watchers() == 1);

    Response registered = viaA.post(BASE + "/register", TOKEN, "{\"instance_id\": 777, \"ttl_seconds\": 60, \"environment\": \"prod\"}");
    assertThat(registered.status()).isEqualTo(201);
    String instanceToken = registered.json().get("instance_token").asString();

    Response woken = watchOnB.get(10, TimeUnit.SECONDS);
    assertThat(woken.json().get("instances").get(0).get("instance_id").asLong()).isEqualTo(777L);
    assertThat(viaB.get(BASE + "/{instanceId}", "", TOKEN, 777).status()).isEqualTo(200);

    clock(a).advance(Duration.ofSeconds(30));
    clock(b).advance(Duration.ofSeconds(30));
    Response heartbeat = viaB.post(BASE + "/{instanceId}/heartbeat", instanceToken, "{\"status\":\"busy\"}", 777);
    assertThat(heartbeat.status()).isEqualTo(200);
    assertThat(viaA.get(BASE + "/{instanceId}", "", TOKEN, 777).json().get("status").asString()).isEqualTo("busy");
    assertThat(viaA.get(BASE + "/{instanceId}", "", TOKEN, 777).json().get("expires_at").asString()).isEqualTo("2026-01-04T12:01:30Z");

    clock(a).advance(Duration.ofSeconds(60));
    clock(b).advance(Duration.ofSeconds(60));
    recorder(a).clear();
    recorder(b).clear();
    CompletableFuture<Integer> sweepA = CompletableFuture.supplyAsync(() -> a.getBean(ExpirySweeper.class).sweep());
    CompletableFuture<Integer> sweepB = CompletableFuture.supplyAsync(() -> b.getBean(ExpirySweeper.class).sweep());

    assertThat(sweepA.get(10, TimeUnit.SECONDS) + sweepB.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    List<EventType> events = new ArrayList<>(recorder(a).types());
    events.addAll(recorder(b).types());
    assertThat(events).containsExactlyInAnyOrder(EventType.MESH_UNREGISTERED, EventType.HEALTH_UNHEALTHY);
    assertThat(viaA.get(BASE, "", TOKEN).json().get("count").asInt()).isZero();
    assertThat(viaB.get(BASE, "", TOKEN).json().get("count").asInt()).isZero();

    // In the Redis mode the events also go to the stream the event routers consume.
    StringRedisTemplate redis = a.getBean(StringRedisTemplate.class);
    awaitStreamed(redis, "vastai.health.unhealthy");
    assertThat(redis.opsForStream().range(STREAM, Range.unbounded()).stream()
        .map(r -> (String) r.getValue().get(EventStreams.TYPE_FIELD)).toList())
        .contains("vastai.mesh.registered", "vastai.mesh.unregistered", "vastai.health.unhealthy")
        .containsOnlyOnce("vastai.mesh.unregistered");
  }

  private static void awaitStreamed(StringRedisTemplate redis, String type) {
    await(type + " on the stream").atMost(Duration.ofSeconds(10)).until(() -> redis.opsForStream().range(STREAM, Range.unbounded())
        .stream().anyMatch(r -> type.equals(r.getValue().get(EventStreams.TYPE_FIELD))));
  }

  @Test
  void deregisteringViaOneReplicaRemovesItEverywhere() {
    String token = viaB.post(BASE + "/register", TOKEN, "{\"instance_id\": 888}").json().get("instance_token").asString();

    assertThat(viaA.delete(BASE + "/{instanceId}", token, 888).status()).isEqualTo(204);

    assertThat(viaB.get(BASE + "/{instanceId}", "", TOKEN, 888).status()).isEqualTo(404);
    assertThat(viaB.delete(BASE + "/{instanceId}", TOKEN, 888).status()).isEqualTo(404);
  }

  /** The token check is in Redis's atomic step, so it holds whichever replica each call reaches. */
  @Test
  void aForgedTokenThroughOneReplicaNeverDeregistersAnInstanceRegisteringThroughTheOther() {
    int runs = 200;
    int deleted = new ForgedTokenRace(viaA, TOKEN, viaB).deletedRuns(8_000_000L, runs,
        id -> viaA.get(BASE + "/{instanceId}", "", TOKEN, id).status() == 200);

    assertThat(deleted).as("runs of %d in which the forged token deregistered the instance", runs).isZero();
  }

  private static MutableClock clock(ConfigurableApplicationContext context) {
    return context.getBean(MutableClock.class);
  }

  private static RecordingListener recorder(ConfigurableApplicationContext context) {
    return context.getBean(RecordingListener.class);
  }
}
