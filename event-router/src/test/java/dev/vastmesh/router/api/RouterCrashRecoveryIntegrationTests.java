package dev.vastmesh.router.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.events.EventType;
import dev.vastmesh.testsupport.TestRedis;
import dev.vastmesh.router.support.FakeAgent;
import dev.vastmesh.router.support.RouterClient;
import dev.vastmesh.router.support.RouterProcess;
import dev.vastmesh.testsupport.RedisTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Redis mode survives {@code kill -9}: a real router process is killed mid-stream, another
 * is started, and every accepted event still reaches the agent at least once.
 */
class RouterCrashRecoveryIntegrationTests {

  static final String SECRET = RouterIntegrationTests.SECRET;
  final TestRedis redis = new TestRedis();
  final String prefix = redis.prefix();
  final FakeAgent agent = new FakeAgent(SECRET);
  final List<RouterProcess> routers = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    routers.forEach(RouterProcess::close);
    agent.close();
    redis.close();
  }

  private RouterProcess startRouter(String consumer) {
    RouterProcess router = RouterProcess.start("crash-test-" + consumer, RouterProcess.redisMode(consumer, RedisTestSupport.host(),
        RedisTestSupport.port(), new RouterProcess.FakeAgentAddress(agent.url(), SECRET),
        "--vastmesh.router.redis.stream=" + prefix + "events", "--vastmesh.router.redis.key-prefix=" + prefix));
    routers.add(router);
    return router.awaitReady();
  }

  @Test
  void killingARouterMidStreamLosesNoEvent() {
    agent.delay(Duration.ofMillis(15));
    RouterProcess first = startRouter("router-a");
    RouterClient viaA = first.client();
    List<String> sent = new ArrayList<>();
    for (int batch = 0; batch < 6; batch++) {
      StringBuilder body = new StringBuilder("[");
      for (int i = 0; i < 50; i++) {
        String event = RouterIntegrationTests.event(EventType.MESH_HEARTBEAT, "instance-" + (i % 10));
        sent.add(event.replaceAll("^.*?\"id\":\"([^\"]+)\".*$", "$1"));
        body.append(i == 0 ? "" : ",").append(event);
      }
      assertThat(viaA.send("POST", "/api/v1/events", "", "ingest-token", body.append("]").toString(), "application/json").status())
          .isEqualTo(202);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> agent.received().size() >= 40);
    int beforeKill = agent.received().size();
    assertThat(beforeKill).as("some, not all, delivered before the kill").isBetween(1, sent.size() - 1);

    first.kill();
    assertThat(first.exitValue()).isNotZero();
    startRouter("router-b");

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      Set<String> delivered = agent.received().stream().map(r -> r.event().id()).collect(Collectors.toSet());
      assertThat(delivered).as("every accepted event delivered at least once").containsAll(sent);
    });
  }
}
