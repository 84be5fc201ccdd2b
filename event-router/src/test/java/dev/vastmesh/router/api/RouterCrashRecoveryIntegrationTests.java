package dev.vastmesh.router.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.events.EventType;
import dev.vastmesh.testsupport.FreePort;
import dev.vastmesh.testsupport.RedisTestSupport;
import dev.vastmesh.router.RouterApplication;
import dev.vastmesh.router.support.FakeAgent;
import dev.vastmesh.router.support.RouterClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The Redis mode survives {@code kill -9}: a real router process is killed mid-stream, another
 * is started, and every accepted event still reaches the agent at least once.
 */
class RouterCrashRecoveryIntegrationTests {

  static final String SECRET = RouterIntegrationTests.SECRET;
  final String prefix = RedisTestSupport.uniquePrefix();
  final FakeAgent agent = new FakeAgent(SECRET);
  final List<Process> routers = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    routers.forEach(Process::destroyForcibly);
    agent.close();
    LettuceConnectionFactory factory = new LettuceConnectionFactory(
        new RedisStandaloneConfiguration(RedisTestSupport.host(), RedisTestSupport.port()));
    factory.afterPropertiesSet();
    factory.start();
    StringRedisTemplate redis = new StringRedisTemplate(factory);
    redis.afterPropertiesSet();
    Set<String> keys = redis.keys(prefix + "*");
    if (keys != null && !keys.isEmpty()) {
      redis.delete(keys);
    }
    factory.destroy();
  }

  private Process startRouter(String consumer, int port) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        RouterApplication.class.getName(),
        "--server.port=" + port,
        "--vastmesh.router.mode=redis",
        "--vastmesh.router.redis.stream=" + prefix + "events",
        "--vastmesh.router.redis.key-prefix=" + prefix,
        "--vastmesh.router.redis.consumer=" + consumer,
        "--vastmesh.router.redis.claim-idle=2s",
        "--spring.data.redis.host=" + RedisTestSupport.host(),
        "--spring.data.redis.port=" + RedisTestSupport.port(),
        "--vastmesh.router.tokens[0].name=t", "--vastmesh.router.tokens[0].value=ingest-token", "--vastmesh.router.tokens[0].scopes=ingest",
        "--vastmesh.router.agents.cluster-operator.url=" + agent.url(),
        "--vastmesh.router.agents.cluster-operator.secret=" + SECRET,
        "--vastmesh.router.agents.cost-intelligence-monitor.url=" + agent.url(),
        "--vastmesh.router.agents.cost-intelligence-monitor.secret=" + SECRET));
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(Path.of("target", "crash-test-" + consumer + ".log").toFile())
        .start();
    routers.add(process);
    RouterClient client = new RouterClient(port);
    // Until it listens, the call throws: Awaitility counts that as "not yet".
    await("router " + consumer + " ready; see target/crash-test-" + consumer + ".log")
        .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .until(() -> client.get("/actuator/health/readiness", "", null).status() == 200);
    return process;
  }

  @Test
  void killingARouterMidStreamLosesNoEvent() throws Exception {
    agent.delay(Duration.ofMillis(15));
    int portA = FreePort.next();
    Process first = startRouter("router-a", portA);
    RouterClient viaA = new RouterClient(portA);
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
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> agent.received().size() >= 40);
    int beforeKill = agent.received().size();
    assertThat(beforeKill).as("some, not all, delivered before the kill").isBetween(1, sent.size() - 1);

    first.destroyForcibly().waitFor();
    assertThat(first.exitValue()).isNotZero();
    startRouter("router-b", FreePort.next());

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
        agent.received().stream().map(r -> r.event().id()).collect(Collectors.toSet()))
        .as("every accepted event delivered at least once").containsAll(sent));
  }
}
