package dev.vastmesh.costmonitor.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.costmonitor.CostMonitorApplication;
import dev.vastmesh.costmonitor.support.FakeRegistry;
import dev.vastmesh.costmonitor.support.RecordingSink;
import dev.vastmesh.costmonitor.support.SimulatorProcess;
import dev.vastmesh.costmonitor.support.TestBeans;
import dev.vastmesh.events.EventType;
import dev.vastmesh.testsupport.RedisTestSupport;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The behaviour suite in the Redis mode, with a second replica on the same Redis beside the one
 * under test: only the lease holder samples and acts, so nothing is done twice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "vastmesh.cost-monitor.state=redis")
@Import(TestBeans.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisBehaviourIntegrationTests extends CostMonitorBehaviour {

  static final String PREFIX = RedisTestSupport.uniquePrefix();
  static ConfigurableApplicationContext second;

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry properties) {
    properties.add("spring.data.redis.host", RedisTestSupport::host);
    properties.add("spring.data.redis.port", RedisTestSupport::port);
    properties.add("vastmesh.cost-monitor.redis.key-prefix", () -> PREFIX);
    properties.add("vastmesh.cost-monitor.redis.lease-ttl", () -> "5s");
  }

  /** The other replica starts once this one holds the lease (its first sample ran). */
  static synchronized ConfigurableApplicationContext second() {
    if (second == null) {
      second = new SpringApplicationBuilder(CostMonitorApplication.class, TestBeans.class).run(
          "--server.port=0", "--vastmesh.cost-monitor.state=redis",
          "--spring.data.redis.host=" + RedisTestSupport.host(), "--spring.data.redis.port=" + RedisTestSupport.port(),
          "--vastmesh.cost-monitor.redis.key-prefix=" + PREFIX, "--vastmesh.cost-monitor.redis.lease-ttl=5s",
          "--vastmesh.cost-monitor.vast.url=" + simulator.url(), "--vastmesh.cost-monitor.vast.read-key=" + SimulatorProcess.KEY,
          "--vastmesh.cost-monitor.vast.act-key=" + SimulatorProcess.KEY, "--vastmesh.cost-monitor.vast.rate-limits=false",
          "--vastmesh.cost-monitor.sample-interval=" + INTERVAL.toMillis() + "ms",
          "--vastmesh.cost-monitor.registry.url=" + registry.url(), "--vastmesh.cost-monitor.registry.token=" + FakeRegistry.TOKEN,
          "--vastmesh.cost-monitor.reaper.enabled=true", "--vastmesh.cost-monitor.reaper.orphan-grace=" + ORPHAN_GRACE,
          "--vastmesh.cost-monitor.reaper.stopped-grace=" + STOPPED_GRACE,
          "--vastmesh.cost-monitor.tokens[0].name=test", "--vastmesh.cost-monitor.tokens[0].value=" + TOKEN,
          "--vastmesh.cost-monitor.tokens[0].scopes=admin");
    }
    return second;
  }

  @Override
  @BeforeEach
  void client() {
    super.client();
    await().atMost(Duration.ofSeconds(30)).until(() -> samples() > 0);
    second();
  }

  @AfterAll
  static void stopSecond() {
    if (second != null) {
      second.close();
      second = null;
    }
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void theOtherReplicaNeverHeldTheLeaseNorActed() {
    MeterRegistry meters = second().getBean(MeterRegistry.class);
    RecordingSink events = second().getBean(RecordingSink.class);
    Gauge held = meters.find("vastmesh.cost.lease.held").gauge();

    assertThat(held).isNotNull();
    assertThat(held.value()).isZero();
    assertThat(meters.find("vastmesh.cost.samples").counter().count()).isZero();
    assertThat(events.all()).as("it sent nothing, so it acted on nothing").isEmpty();
    assertThat(sink.ofType(EventType.COST_BUDGET_EXCEEDED)).hasSize(1);
  }
}
