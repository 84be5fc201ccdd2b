package dev.vastmesh.simulator.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.simulator.faults.FaultKind;
import dev.vastmesh.simulator.faults.FaultSpec;
import dev.vastmesh.simulator.faults.Faults;
import dev.vastmesh.simulator.support.Bills;
import dev.vastmesh.simulator.support.Sim;
import dev.vastmesh.simulator.support.SimulatorTest;
import dev.vastmesh.simulator.support.TestClock;
import dev.vastmesh.testsupport.MutableClock;
import dev.vastmesh.vastai.VastClient;
import dev.vastmesh.vastai.model.BillingLine;
import dev.vastmesh.vastai.model.CreateInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A simulated day on one account: an instance stuck loading all day (storage only), and one that
 * runs ten hours and is stopped for fourteen (GPU for ten, storage for all 24). The bill comes
 * out to the cent.
 */
@SimulatorTest
class BillingIntegrationTests {

  private static final Offset<Double> CENT = Offset.offset(0.005);

  @LocalServerPort
  int port;

  @Autowired
  MutableClock clock;

  @Autowired
  Faults faults;

  @Test
  void aSimulatedDayBillsGpuFromRunningAndStorageFromCreationToTheCent() {
    VastClient vast = Sim.client(port, Sim.BILLING_KEY);
    Instant dayStart = clock.instant();
    assertThat(dayStart).as("nothing else moves the test clock").isEqualTo(TestClock.START);
    double before = vast.balance().balance();

    faults.arm(new FaultSpec(FaultKind.STUCK_LOADING, 4L, null, 1, null, null));
    long loading = vast.createInstance(4, CreateInstance.of("sim/stand-in", 36));
    long worker = vast.createInstance(2, CreateInstance.of("sim/stand-in", 72).withLabel("billed"));
    await().atMost(Duration.ofSeconds(15)).until(() -> "running".equals(vast.showInstance(worker).orElseThrow().actualStatus()));
    assertThat(vast.showInstance(worker).orElseThrow().dphTotal()).isEqualTo(0.30 + 0.20 * 72 / 720, Offset.offset(1e-9));

    clock.advance(Duration.ofHours(10));
    vast.stopInstance(worker);
    clock.advance(Duration.ofHours(14));
    assertThat(vast.showInstance(loading).orElseThrow().actualStatus()).isEqualTo("loading");

    // Offer 4: $0.10/GB/month × 36 GB = $0.005/h. Offer 2: $0.30/h GPU, $0.20/GB/month × 72 GB = $0.02/h.
    List<BillingLine> charges = vast.charges(dayStart, dayStart.plus(Duration.ofDays(1)).minusSeconds(1));
    Map<String, BillingLine> bySource = Bills.bySource(charges);
    assertThat(bySource).containsOnlyKeys("instance-" + loading, "instance-" + worker);
    assertThat(bySource.get("instance-" + loading).amount()).isCloseTo(0.12, CENT);
    assertThat(Bills.item(bySource.get("instance-" + loading), "gpu")).isCloseTo(0.0, CENT);
    BillingLine worked = bySource.get("instance-" + worker);
    assertThat(Bills.item(worked, "gpu")).isCloseTo(3.00, CENT);
    assertThat(Bills.item(worked, "disk")).isCloseTo(0.48, CENT);
    assertThat(Bills.item(worked, "bwd")).isZero();
    assertThat(Bills.item(worked, "bwu")).isZero();
    assertThat(worked.amount()).isCloseTo(3.48, CENT);
    assertThat(worked.metadata()).containsEntry("label", "billed");

    assertThat(vast.balance().balance()).isCloseTo(before - 3.60, CENT);
    assertThat(vast.balance().credit()).isCloseTo(before - 3.60, CENT);
    List<BillingLine> invoices = vast.invoices(dayStart.minusSeconds(60), dayStart.plus(Duration.ofDays(2)));
    assertThat(invoices).singleElement().satisfies(i -> {
      assertThat(i.type()).isEqualTo("credit");
      assertThat(i.amount()).isEqualTo(-20.0);
    });

    vast.destroyInstance(loading);
    vast.destroyInstance(worker);
    clock.advance(Duration.ofHours(5));
    assertThat(vast.balance().balance()).as("destroy stops all billing").isCloseTo(before - 3.60, CENT);
  }
}
