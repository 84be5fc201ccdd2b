package dev.vastmesh.simulator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.simulator.support.Admin;
import dev.vastmesh.simulator.support.Sim;
import dev.vastmesh.simulator.support.SimulatorTest;
import dev.vastmesh.vastai.VastClient;
import dev.vastmesh.vastai.cli.VastCli;
import dev.vastmesh.vastai.model.Instance;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real {@code vastai deploy} against the simulator and its faults: the exit code, the result
 * file, and what is left rented afterwards. Offers 2 ($0.30/h) then 1 ($0.40/h) are the RTX 4090s
 * under the price; the first one tried fails in each case, the second must be what stays.
 */
@SimulatorTest
class DeployCliIntegrationTests {

  @LocalServerPort
  int port;

  @TempDir
  Path dir;

  private Admin admin;
  private VastClient vast;
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void setUp() {
    admin = new Admin(port);
    vast = Sim.client(port);
    assertThat(vast.listInstances()).as("each test starts with nothing rented").isEmpty();
  }

  @AfterEach
  void cleanUp() {
    admin.clear();
    vast.listInstances().forEach(i -> vast.destroyInstance(i.id()));
  }

  private int deploy(String... extra) {
    return deployUnder("0.5", extra);
  }

  private int deployUnder(String maxPrice, String... extra) {
    List<String> args = new ArrayList<>(List.of("deploy", "--query", "gpu_name=RTX_4090", "--max-price", maxPrice, "--image",
        "sim/stand-in", "--disk", "10", "--env", "-p 3000:3000=1", "--poll", "PT0.05S", "--no-progress-timeout", "PT3S",
        "--offer-timeout", "PT20S", "--result", dir.resolve("result.json").toString()));
    args.addAll(List.of(extra));
    Map<String, String> env = Map.of("VAST_URL", "http://127.0.0.1:" + port, "VASTAI_API_KEY", Sim.KEY, "VASTAI_RATE_LIMIT", "off");
    return VastCli.run(args.toArray(String[]::new), env, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
  }

  private JsonNode result() throws IOException {
    return JsonMapper.builder().build().readTree(Files.readString(dir.resolve("result.json")));
  }

  /** Exit 0, the result names offer 1, and offer 1's instance is the only one left, running. */
  private void readyOnTheSecondOffer() throws IOException {
    JsonNode result = result();
    assertThat(result.get("status").asString()).isEqualTo("ready");
    assertThat(result.get("offer_id").asLong()).isEqualTo(1L);
    List<Instance> left = vast.listInstances();
    assertThat(left).as("the failed rental was destroyed").singleElement().satisfies(i -> {
      assertThat(i.id()).isEqualTo(result.get("instance_id").asLong());
      assertThat(i.actualStatus()).isEqualTo("running");
    });
  }

  @Test
  void deployRentsTheCheapestOfferAndWritesWhereItListens() throws Exception {
    assertThat(deploy()).as(err.toString()).isZero();
    JsonNode result = result();
    assertThat(result.get("status").asString()).isEqualTo("ready");
    assertThat(result.get("offer_id").asLong()).isEqualTo(2L);
    Instance running = vast.showInstance(result.get("instance_id").asLong()).orElseThrow();
    assertThat(result.get("ports").get("3000/tcp").asString()).isEqualTo(running.hostPort("3000/tcp"));
    assertThat(result.get("public_ip").asString()).isEqualTo("127.0.0.1");
    assertThat(err.toString()).contains("loading").doesNotContain(Sim.KEY);
  }

  @Test
  void aTakenOfferFailsOverToTheNext() throws Exception {
    admin.arm("{\"kind\":\"offer_taken\",\"offer_id\":2,\"times\":1}");
    assertThat(deploy()).as(err.toString()).isZero();
    readyOnTheSecondOffer();
    assertThat(err.toString()).contains("offer 2 is gone");
  }

  @Test
  void aStuckInstanceIsDestroyedAndTheNextOfferTried() throws Exception {
    admin.arm("{\"kind\":\"stuck_loading\",\"offer_id\":2,\"times\":1}");
    assertThat(deploy()).as(err.toString()).isZero();
    readyOnTheSecondOffer();
    assertThat(err.toString()).contains("made no progress");
  }

  @Test
  void anOutbidInterruptibleIsReplaced() throws Exception {
    admin.arm("{\"kind\":\"outbid\",\"offer_id\":2,\"times\":1}");
    assertThat(deploy("--bid", "0.25")).as(err.toString()).isZero();
    readyOnTheSecondOffer();
    assertThat(vast.listInstances().getFirst().isBid()).isTrue();
  }

  @Test
  void anOnDemandRentalWhenABidWasGivenIsNotAccepted() throws Exception {
    admin.arm("{\"kind\":\"on_demand_instead_of_bid\",\"offer_id\":2,\"times\":1}");
    assertThat(deploy("--bid", "0.25")).as(err.toString()).isZero();
    readyOnTheSecondOffer();
  }

  @Test
  void whenEveryOfferFailsTheCodeSaysSoAndNothingStaysRented() throws Exception {
    admin.arm("{\"kind\":\"crash\",\"offer_id\":2,\"times\":1}");
    admin.arm("{\"kind\":\"offer_taken\",\"offer_id\":1,\"times\":1}");
    assertThat(deploy()).as(err.toString()).isEqualTo(VastCli.ALL_OFFERS_FAILED);
    JsonNode result = result();
    assertThat(result.get("status").asString()).isEqualTo("failed");
    assertThat(result.get("attempts")).hasSize(2);
    assertThat(vast.listInstances()).as("the exited instance was destroyed").isEmpty();
  }

  @Test
  void noOfferUnderTheMaximumPriceRentsNothing() throws Exception {
    assertThat(deployUnder("0.1")).as(err.toString()).isEqualTo(VastCli.NO_OFFER);
    assertThat(result().get("status").asString()).isEqualTo("no_offer");
    assertThat(vast.listInstances()).isEmpty();
  }

  @Test
  void theSameIdempotencyKeyAdoptsTheInstanceTheFirstRunRented() throws Exception {
    assertThat(deploy("--idempotency-key", "pipeline-42")).as(err.toString()).isZero();
    long first = result().get("instance_id").asLong();
    assertThat(deploy("--idempotency-key", "pipeline-42")).as(err.toString()).isZero();
    assertThat(result().get("instance_id").asLong()).isEqualTo(first);
    assertThat(result().get("adopted").asBoolean()).isTrue();
    assertThat(vast.listInstances()).extracting(Instance::id).containsExactly(first);
  }
}
