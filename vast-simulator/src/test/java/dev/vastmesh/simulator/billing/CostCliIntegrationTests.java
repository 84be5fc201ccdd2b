package dev.vastmesh.simulator.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.simulator.support.Sim;
import dev.vastmesh.simulator.support.SimulatorTest;
import dev.vastmesh.simulator.support.TestClock;
import dev.vastmesh.testsupport.MutableClock;
import dev.vastmesh.vastai.VastClient;
import dev.vastmesh.vastai.cli.VastCli;
import dev.vastmesh.vastai.model.BillingLine;
import dev.vastmesh.vastai.model.CreateInstance;
import dev.vastmesh.vastai.model.Offer;
import dev.vastmesh.vastai.search.OfferSearch;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code vastai cost report} and {@code cost estimate} through the CLI's entry point against the
 * simulator: two environments deployed with {@code vastai deploy}, a foreign-labelled and an
 * unlabelled instance, fourteen simulated hours with one stopped after ten; the report's figures
 * are the simulator's charges, and the estimate's are its offers' prices. Its own account and
 * context, since it moves the clock.
 */
@SimulatorTest
@TestPropertySource(properties = {
    "vastmesh.simulator.accounts[3].key=" + CostCliIntegrationTests.KEY,
    "vastmesh.simulator.accounts[3].user-id=4",
    "vastmesh.simulator.accounts[3].credit=100"})
class CostCliIntegrationTests {

  static final String KEY = "sim-cost-key";
  private static final Offset<Double> CENT = Offset.offset(0.005);

  @LocalServerPort
  int port;

  @Autowired
  MutableClock clock;

  @TempDir
  Path dir;

  private String out = "";
  private String err = "";

  @AfterEach
  void destroyEverything() {
    VastClient vast = Sim.client(port, KEY);
    vast.listInstances().forEach(i -> vast.destroyInstance(i.id()));
  }

  private int cli(String... args) {
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    int code = VastCli.run(args, Map.of("VASTAI_API_KEY", KEY, "VAST_URL", "http://127.0.0.1:" + port, "VASTAI_RATE_LIMIT", "off"),
        new PrintWriter(stdout, true), new PrintWriter(stderr, true));
    out = stdout.toString();
    err = stderr.toString();
    return code;
  }

  private long deploy(String key, String environment, int disk) {
    assertThat(cli("deploy", "--query", "gpu_name=RTX_4090", "--max-price", "1", "--image", "sim/stand-in", "--disk", String.valueOf(disk),
        "--idempotency-key", key, "--environment", environment, "--poll", "PT0.05S", "--result", dir.resolve(key + ".json").toString()))
        .as(() -> err).isZero();
    return JsonMapper.builder().build().readTree(out).get("instance_id").longValue();
  }

  @Test
  void theReportGroupsWhatTheSimulatorChargedAndTheEstimatePricesItsOffers() {
    VastClient vast = Sim.client(port, KEY);
    assertThat(clock.instant()).isEqualTo(TestClock.START);
    Instant start = clock.instant();
    double before = vast.balance().balance();

    // Offer 2 (2x RTX 4090, $0.30/h, $0.20/GB/month) is the cheapest for both deployments.
    long prod = deploy("p1", "prod", 72);
    long staging = deploy("s1", "staging", 36);
    long notebook = vast.createInstance(1, CreateInstance.of("sim/stand-in", 20).withLabel("notebook"));
    long bare = vast.createInstance(1, CreateInstance.of("sim/stand-in", 20));
    await().atMost(Duration.ofSeconds(15)).until(() -> vast.listInstances().stream()
        .filter(i -> i.id() == notebook || i.id() == bare).allMatch(i -> "running".equals(i.actualStatus())));
    assertThat(vast.showInstance(prod).orElseThrow().label()).isEqualTo("vastmesh-deploy:p1;env=prod");

    clock.advance(Duration.ofHours(10));
    vast.stopInstance(staging);
    clock.advance(Duration.ofHours(4));
    Instant end = clock.instant();

    assertThat(cli("cost", "report", "--since", "2026-12-02", "--until", end.toString(), "--by", "environment", "--json"))
        .as(() -> err).isZero();
    JsonNode report = JsonMapper.builder().build().readTree(out);
    Map<String, Double> groups = totals(report);
    // prod 14 h x (0.30 + 0.02); staging 10 h x 0.31 + 4 h stopped x 0.01; offer 1: 14 h x (0.40 + 0.15 x 20 / 720)
    assertThat(groups).containsOnlyKeys("prod", "staging", "(no environment)", "(unlabelled)");
    assertThat(groups.get("prod")).isCloseTo(4.48, CENT);
    assertThat(groups.get("staging")).isCloseTo(3.14, CENT);
    assertThat(groups.get("(no environment)")).isCloseTo(5.658, CENT);
    assertThat(groups.get("(unlabelled)")).isCloseTo(5.658, CENT);
    assertThat(report.get("groups")).extracting(g -> g.get("name").asString())
        .as("largest first").containsExactly("(no environment)", "(unlabelled)", "prod", "staging");
    assertThat(report.get("groups").get(2).get("sources")).extracting(JsonNode::asString).containsExactly("instance-" + prod);

    Map<String, Double> charged = vast.charges(start, end).stream().collect(Collectors.groupingBy(
        l -> l.metadata() == null || l.metadata().get("label") == null ? "(unlabelled)" : (String) l.metadata().get("label"),
        Collectors.summingDouble(BillingLine::amount)));
    assertThat(groups.get("prod")).isEqualTo(charged.get("vastmesh-deploy:p1;env=prod"), Offset.offset(1e-9));
    assertThat(groups.get("staging")).isEqualTo(charged.get("vastmesh-deploy:s1;env=staging"), Offset.offset(1e-9));
    assertThat(groups.get("(no environment)")).isEqualTo(charged.get("notebook"), Offset.offset(1e-9));
    assertThat(groups.get("(unlabelled)")).isEqualTo(charged.get("(unlabelled)"), Offset.offset(1e-9));
    double total = report.get("total").get("total").doubleValue();
    assertThat(total).isEqualTo(charged.values().stream().mapToDouble(Double::doubleValue).sum(), Offset.offset(1e-9));
    assertThat(total).as("the account paid what was reported").isCloseTo(before - vast.balance().balance(), CENT);

    assertThat(cli("cost", "report", "--since", "2026-12-02", "--until", end.toString(), "--by", "gpu")).as(() -> err).isZero();
    assertThat(out).containsPattern("2x RTX 4090 +2 +7\\.200 +0\\.420 +0\\.000 +7\\.620")
        .containsPattern("1x RTX 4090 +2 +11\\.200 +0\\.116 +0\\.000 +11\\.316")
        .containsPattern("TOTAL +4 .* 18\\.936");

    assertThat(cli("cost", "estimate", "--query", "gpu_name=RTX_4090", "--hours", "10", "--count", "2", "--disk", "40", "--json"))
        .as(() -> err).isZero();
    JsonNode estimate = JsonMapper.builder().build().readTree(out);
    List<Offer> offers = vast.searchOffers(OfferSearch.parse("gpu_name=RTX_4090").orderBy("dph+").storage(40));
    assertThat(estimate.get("offers")).extracting(o -> o.get("id").longValue()).containsExactly(2L, 1L)
        .containsExactlyElementsOf(offers.stream().map(Offer::id).toList());
    for (int i = 0; i < offers.size(); i++) {
      JsonNode row = estimate.get("offers").get(i);
      BigDecimal simulated = BigDecimal.valueOf(offers.get(i).dphTotal());
      assertThat(row.get("per_hour").decimalValue()).as("offer %d $/h", offers.get(i).id())
          .isEqualByComparingTo(simulated.setScale(4, RoundingMode.HALF_UP));
      assertThat(row.get("for_hours").decimalValue()).isEqualByComparingTo(simulated.multiply(BigDecimal.valueOf(20)).setScale(2, RoundingMode.HALF_UP));
      assertThat(row.get("per_month").decimalValue()).isEqualByComparingTo(simulated.multiply(BigDecimal.valueOf(1460)).setScale(2, RoundingMode.HALF_UP));
    }
    // offer 2: 0.30 + 0.20 x 40 / 720 = 0.3111 $/h; 10 h x 2 = 6.22; 730 h x 2 = 454.22
    assertThat(estimate.get("offers").get(0).get("per_month").decimalValue()).isEqualByComparingTo("454.22");
  }

  private static Map<String, Double> totals(JsonNode report) {
    Map<String, Double> totals = new java.util.LinkedHashMap<>();
    report.get("groups").forEach(g -> totals.put(g.get("name").asString(), g.get("total").doubleValue()));
    return totals;
  }
}
