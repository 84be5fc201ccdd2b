package dev.vastmesh.costmonitor.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.costmonitor.support.FakeRegistry;
import dev.vastmesh.costmonitor.support.RecordingSink;
import dev.vastmesh.costmonitor.support.SimulatorProcess;
import dev.vastmesh.costmonitor.support.TestBeans;
import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.EventType;
import dev.vastmesh.events.payload.BudgetAction;
import dev.vastmesh.events.payload.CostBudgetExceeded;
import dev.vastmesh.events.payload.CostSampled;
import dev.vastmesh.events.payload.CostThresholdWarning;
import dev.vastmesh.events.payload.InstanceTerminated;
import dev.vastmesh.events.payload.TerminationReason;
import dev.vastmesh.vastai.VastClient;
import dev.vastmesh.vastai.model.CreateInstance;
import dev.vastmesh.vastai.model.Instance;
import dev.vastmesh.vastai.search.OfferSearch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The cost-monitor against the vast-simulator, in simulated time ({@value #SPEED_UP}× the clock):
 * real instances (sleeping processes) billed by the second, a fake registry the test fills. Both
 * state modes run this suite.
 */
abstract class CostMonitorBehaviour {

  static final double SPEED_UP = 600;
  static final String TOKEN = "cost-monitor-test-admin";
  static final Duration ORPHAN_GRACE = Duration.ofHours(1);
  static final Duration STOPPED_GRACE = Duration.ofHours(2);
  static final Duration INTERVAL = Duration.ofMillis(300);
  /** How far apart the test's and the monitor's readings of simulated time may be: two samples. */
  static final Duration SKEW = Duration.ofNanos((long) (INTERVAL.toNanos() * SPEED_UP * 2));

  static @Nullable SimulatorProcess simulator;
  static @Nullable FakeRegistry registry;

  @Autowired
  MeterRegistry meters;

  @Autowired
  RecordingSink sink;

  @LocalServerPort
  int port;

  VastClient vast;

  @DynamicPropertySource
  static void world(DynamicPropertyRegistry properties) {
    if (simulator == null) {
      simulator = SimulatorProcess.start(SPEED_UP);
      registry = new FakeRegistry();
      SimulatorProcess started = simulator;
      TestBeans.clock = started::clock;
    }
    String prefix = "vastmesh.cost-monitor.";
    properties.add(prefix + "vast.url", simulator::url);
    properties.add(prefix + "vast.read-key", () -> SimulatorProcess.KEY);
    properties.add(prefix + "vast.act-key", () -> SimulatorProcess.KEY);
    properties.add(prefix + "vast.rate-limits", () -> "false");
    properties.add(prefix + "sample-interval", () -> INTERVAL.toMillis() + "ms");
    properties.add(prefix + "registry.url", registry::url);
    properties.add(prefix + "registry.token", () -> FakeRegistry.TOKEN);
    properties.add(prefix + "reaper.enabled", () -> "true");
    properties.add(prefix + "reaper.orphan-grace", ORPHAN_GRACE::toString);
    properties.add(prefix + "reaper.stopped-grace", STOPPED_GRACE::toString);
    properties.add(prefix + "tokens[0].name", () -> "test");
    properties.add(prefix + "tokens[0].value", () -> TOKEN);
    properties.add(prefix + "tokens[0].scopes", () -> "admin");
  }

  @AfterAll
  static void stopWorld() {
    if (simulator != null) {
      simulator.close();
      simulator = null;
    }
    if (registry != null) {
      registry.close();
      registry = null;
    }
  }

  @BeforeEach
  void client() {
    vast = VastClient.builder(SimulatorProcess.KEY).baseUrl(simulator.url()).rateLimits(Map.of()).build();
  }

  @Test
  void aBudgetCrossedMidDayWarnsThenDestroysItsInstancesWithinOneSample() throws Exception {
    String environment = "prod";
    long a = rent("vastmesh-deploy:prod-a", null);
    long b = rent("vastmesh-deploy:prod-b", null);
    registry.register(a, environment);
    registry.register(b, environment);
    awaitRunning(a);
    awaitRunning(b);
    double rate = hourly(a) + hourly(b);
    double limit = round(rate * 1.0);
    putBudget("prod-day", "{\"scope\":\"environment\",\"match\":\"" + environment + "\",\"period\":\"day\",\"limit\":" + limit
        + ",\"action\":\"destroy_instances\"}");

    EventEnvelope exceeded = await("budget_exceeded").atMost(Duration.ofSeconds(60))
        .until(() -> budgetEvent("prod-day"), Optional::isPresent).orElseThrow();

    CostBudgetExceeded data = exceeded.dataAs(CostBudgetExceeded.class);
    assertThat(data.action()).isEqualTo(BudgetAction.DESTROY_INSTANCES);
    assertThat(data.affectedInstanceIds()).containsExactlyInAnyOrder(a, b);
    double oneSample = rate * INTERVAL.toNanos() * SPEED_UP / 3.6e12;
    assertThat(data.spent().doubleValue()).as("acted within a sample or two of the crossing").isBetween(limit, limit + 3 * oneSample);
    List<EventEnvelope> warnings = sink.ofType(EventType.COST_THRESHOLD_WARNING).stream()
        .filter(e -> e.dataAs(CostThresholdWarning.class).thresholdId().equals("prod-day")).toList();
    assertThat(warnings).singleElement().satisfies(w -> {
      assertThat(w.dataAs(CostThresholdWarning.class).observed().doubleValue()).isBetween(0.8 * limit, limit);
      assertThat(w.time()).isBefore(exceeded.time());
    });
    await("destroyed").atMost(Duration.ofSeconds(30)).until(() -> vast.showInstance(a).isEmpty() && vast.showInstance(b).isEmpty());
    await("their processes end").atMost(Duration.ofSeconds(20)).until(() -> simulator.processes(a).isEmpty()
        && simulator.processes(b).isEmpty());
    assertThat(terminated(a)).singleElement().satisfies(e -> assertThat(e.dataAs(InstanceTerminated.class).reason())
        .isEqualTo(TerminationReason.BUDGET_EXCEEDED));
    assertThat(budgetEvents("prod-day")).as("once per budget and period").hasSize(1);
  }

  @Test
  void anOutbidInstanceKeepsBillingStorageUntilReaped() {
    long id = rent("vastmesh-deploy:batch", 0.3);
    registry.register(id, "batch");
    awaitRunning(id);
    double storage = vast.showInstance(id).orElseThrow().storageTotalCost();
    assertThat(storage).isPositive();
    simulator.outbid(id);
    Instant outbid = simulator.clock().instant();

    await("billed its storage while stopped").atMost(Duration.ofSeconds(30)).until(() -> hourlyGauge(id, "stopped") != null);
    assertThat(hourlyGauge(id, "stopped")).isCloseTo(storage, org.assertj.core.api.Assertions.within(1e-9));
    await("stopped samples accrue").atMost(Duration.ofSeconds(30)).until(() -> sink.ofType(EventType.COST_SAMPLED).stream()
        .filter(e -> e.time().isAfter(outbid.plusSeconds(600)))
        .map(e -> e.dataAs(CostSampled.class)).anyMatch(s -> Long.valueOf(id).equals(s.instanceId()) && s.accruedCost().signum() > 0));

    await("reaped after the stopped grace").atMost(Duration.ofSeconds(60)).until(() -> !terminated(id).isEmpty());
    assertThat(vast.showInstance(id)).isEmpty();
    EventEnvelope reaped = terminated(id).getFirst();
    assertThat(reaped.time()).isAfterOrEqualTo(outbid.plus(STOPPED_GRACE).minus(SKEW));
    assertThat(reaped.dataAs(InstanceTerminated.class).note()).contains("stopped");
  }

  @Test
  void anOrphanIsReapedAfterItsGraceAndAForeignInstanceIsNeverTouched() {
    long orphan = rent("vastmesh-deploy:orphan", null);
    long foreign = rent("someone-elses-experiment", null);
    Instant created = Instant.ofEpochMilli((long) (vast.showInstance(orphan).orElseThrow().startDate() * 1000));
    awaitRunning(orphan);
    awaitRunning(foreign);

    await("the orphan is reaped").atMost(Duration.ofSeconds(60)).until(() -> !terminated(orphan).isEmpty());
    assertThat(vast.showInstance(orphan)).isEmpty();
    assertThat(terminated(orphan).getFirst().time()).as("not before its grace, counted from running").isAfterOrEqualTo(created.plus(ORPHAN_GRACE).minus(SKEW));
    assertThat(simulator.processes(orphan)).isEmpty();

    double samples = samples();
    await("more samples, long past the grace").atMost(Duration.ofSeconds(30)).until(() -> samples() >= samples + 5);
    assertThat(vast.showInstance(foreign)).get().extracting(Instance::actualStatus).isEqualTo("running");
    assertThat(simulator.processes(foreign)).isNotEmpty();
    assertThat(terminated(foreign)).isEmpty();
  }

  @Test
  void anEmptyOrBrokenListAnswerOrAnUnreadableRegistryLeavesEverythingRunning() {
    long registered = rent("vastmesh-deploy:steady", null);
    registry.register(registered, "steady");
    long unregistered = rent("vastmesh-deploy:unknown-yet", null);
    awaitRunning(registered);
    awaitRunning(unregistered);
    registry.broken(true);
    try {
      Instant since = simulator.clock().instant();
      double samples = samples();
      await("samples go on while the registry is away").atMost(Duration.ofSeconds(60))
          .until(() -> simulator.clock().instant().isAfter(since.plus(ORPHAN_GRACE.multipliedBy(2))) && samples() >= samples + 3);
      assertThat(vast.showInstance(unregistered)).as("no orphan is judged without the registry").isPresent();
    } finally {
      registry.broken(false);
    }
    registry.register(unregistered, "steady");
    for (String fault : List.of("empty_body", "not_json", "server_error")) {
      double failures = failures();
      simulator.arm("{\"kind\":\"" + fault + "\",\"endpoint\":\"list\",\"times\":0}");
      try {
        Instant since = simulator.clock().instant();
        await(fault + " answers are counted as failed samples").atMost(Duration.ofSeconds(60))
            .until(() -> failures() >= failures + 3 && simulator.clock().instant().isAfter(since.plus(ORPHAN_GRACE)));
      } finally {
        simulator.clearFaults();
      }
      assertThat(registry.deregistrations()).as("no ghost made of a broken list")
          .noneMatch(r -> r.path().endsWith("/" + registered) || r.path().endsWith("/" + unregistered));
      assertThat(registry.has(registered)).isTrue();
    }
    assertThat(vast.showInstance(registered)).get().extracting(Instance::actualStatus).isEqualTo("running");
    assertThat(vast.showInstance(unregistered)).get().extracting(Instance::actualStatus).isEqualTo("running");
    assertThat(simulator.processes(registered)).isNotEmpty();
  }

  long rent(String label, @Nullable Double bid) {
    long offer = vast.searchOffers(OfferSearch.parse("gpu_name=RTX_4090 num_gpus=1")).getFirst().id();
    return vast.createInstance(offer, CreateInstance.of(SimulatorProcess.IMAGE, 20).withLabel(label).withBid(bid));
  }

  void awaitRunning(long id) {
    await("instance " + id + " running").atMost(Duration.ofSeconds(30))
        .until(() -> vast.showInstance(id).map(i -> "running".equals(i.actualStatus())).orElse(false));
  }

  double hourly(long id) {
    return vast.showInstance(id).orElseThrow().dphTotal();
  }

  static double round(double dollars) {
    return Math.round(dollars * 1e4) / 1e4;
  }

  @Nullable Double hourlyGauge(long id, String state) {
    Gauge gauge = meters.find("vastmesh.instance.hourly.cost.dollars").tag("instance_id", Long.toString(id)).tag("state", state).gauge();
    return gauge == null ? null : gauge.value();
  }

  double samples() {
    Counter counter = meters.find("vastmesh.cost.samples").counter();
    return counter == null ? 0 : counter.count();
  }

  double failures() {
    return meters.find("vastmesh.cost.sample.failures").tag("source", "instances").counters().stream().mapToDouble(Counter::count).sum();
  }

  List<EventEnvelope> terminated(long id) {
    return sink.ofType(EventType.INSTANCE_TERMINATED).stream().filter(e -> e.dataAs(InstanceTerminated.class).instanceId() == id).toList();
  }

  List<EventEnvelope> budgetEvents(String budget) {
    return sink.ofType(EventType.COST_BUDGET_EXCEEDED).stream()
        .filter(e -> e.dataAs(CostBudgetExceeded.class).budgetId().equals(budget)).toList();
  }

  Optional<EventEnvelope> budgetEvent(String budget) {
    return budgetEvents(budget).stream().findFirst();
  }

  void putBudget(String id, String json) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/v1/budgets/" + id))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
  }
}
