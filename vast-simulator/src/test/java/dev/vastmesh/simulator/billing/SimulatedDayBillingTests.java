package dev.vastmesh.simulator.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.simulator.support.Admin;
import dev.vastmesh.simulator.support.Bills;
import dev.vastmesh.simulator.support.Sim;
import dev.vastmesh.simulator.support.SimulatorTest;
import dev.vastmesh.simulator.support.TestClock;
import dev.vastmesh.testsupport.MutableClock;
import dev.vastmesh.testsupport.ServiceClient;
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
import org.springframework.test.context.TestPropertySource;

/**
 * A simulated day at 1440× (a real minute of the test clock is a day): an on-demand instance
 * that runs ten hours, downloads and uploads, and is stopped for fourteen; and a reserved one,
 * prepaid for a month at 20 % off, running all day on its deposit. Charges, deposit, invoices and
 * balance come out to the cent.
 */
@SimulatorTest
@TestPropertySource(properties = "vastmesh.simulator.speed-up=1440")
class SimulatedDayBillingTests {

  private static final Offset<Double> CENT = Offset.offset(0.005);
  /** One simulated hour at 1440×. */
  private static final Duration HOUR = Duration.ofMillis(2500);

  @LocalServerPort
  int port;

  @Autowired
  MutableClock clock;

  @Test
  void gpuStorageStoppedStorageBandwidthAndAReservedInstancesDiscountedGpuBillToTheCent() {
    VastClient vast = Sim.client(port);
    Admin admin = new Admin(port);
    assertThat(clock.instant()).as("nothing else moves this context's clock").isEqualTo(TestClock.START);
    Instant day = TestClock.START;
    assertThat(vast.balance().balance()).isEqualTo(1000.0);

    // Offer 2: $0.30/h GPU, $0.20/GB/month × 72 GB = $0.02/h, $0.004/GB down, $0.01/GB up.
    long worker = vast.createInstance(2, CreateInstance.of("sim/stand-in", 72));
    // Offer 1: $0.40/h GPU, $0.15/GB/month × 48 GB = $0.01/h.
    long reserved = vast.createInstance(1, CreateInstance.of("sim/stand-in", 48).withLabel("reserved"));
    await().atMost(Duration.ofSeconds(15)).until(() -> "running".equals(vast.showInstance(worker).orElseThrow().actualStatus())
        && "running".equals(vast.showInstance(reserved).orElseThrow().actualStatus()));

    // A month of $0.40/h at 20 % off: 720 h × $0.32.
    ServiceClient.Response prepaid = admin.send("PUT", "/api/v0/instances/prepay/{id}/", Sim.KEY, "{\"amount\":230.40}", reserved);
    assertThat(prepaid.status()).as(prepaid.body()).isEqualTo(200);
    assertThat(prepaid.json().get("timescale").doubleValue()).isCloseTo(1.0, Offset.offset(1e-6));
    assertThat(prepaid.json().get("discount_rate").doubleValue()).isCloseTo(0.2, Offset.offset(1e-6));
    assertThat(vast.balance().balance()).as("the deposit leaves the credit at once").isCloseTo(769.60, CENT);

    clock.advance(HOUR.multipliedBy(5));
    ServiceClient.Response booked = admin.send("POST", "/admin/v1/instances/{id}/traffic", Sim.ADMIN,
        "{\"down_gb\":50,\"up_gb\":10}", worker);
    assertThat(booked.status()).as(booked.body()).isEqualTo(200);
    assertThat(booked.json().get("down_gb").doubleValue()).isEqualTo(50.0);
    clock.advance(HOUR.multipliedBy(5));
    vast.stopInstance(worker);
    clock.advance(HOUR.multipliedBy(14));
    assertThat(vast.showInstance(worker).orElseThrow().actualStatus()).isEqualTo("stopped");

    List<BillingLine> charges = vast.charges(day, day.plus(Duration.ofDays(1)).minusSeconds(1));
    Map<String, BillingLine> bySource = Bills.bySource(charges);
    assertThat(bySource).containsOnlyKeys("instance-" + worker, "instance-" + reserved);
    BillingLine worked = bySource.get("instance-" + worker);
    assertThat(Bills.item(worked, "gpu")).as("10 h × $0.30").isCloseTo(3.00, CENT);
    assertThat(Bills.item(worked, "disk")).as("24 h × $0.02, 14 of them stopped").isCloseTo(0.48, CENT);
    assertThat(Bills.item(worked, "bwd")).as("50 GB × $0.004").isCloseTo(0.20, CENT);
    assertThat(Bills.item(worked, "bwu")).as("10 GB × $0.01").isCloseTo(0.10, CENT);
    assertThat(worked.amount()).isCloseTo(3.78, CENT);
    BillingLine kept = bySource.get("instance-" + reserved);
    assertThat(Bills.item(kept, "gpu")).as("24 h × $0.32, from the deposit").isCloseTo(7.68, CENT);
    assertThat(Bills.description(kept, "gpu")).contains("24.000 of them prepaid at $0.320/hour");
    assertThat(Bills.item(kept, "disk")).as("24 h × $0.01").isCloseTo(0.24, CENT);
    assertThat(Bills.item(kept, "bwd")).isZero();
    assertThat(kept.amount()).isCloseTo(7.92, CENT);

    ServiceClient.Response deposit = admin.send("GET", "/api/v0/instances/balance/{id}/", Sim.KEY, null, reserved);
    assertThat(deposit.status()).isEqualTo(200);
    assertThat(deposit.json().get("refundable_deposit").doubleValue()).as("230.40 − 7.68").isCloseTo(222.72, CENT);
    assertThat(deposit.json().get("total_discount").doubleValue()).as("24 h × $0.08").isCloseTo(1.92, CENT);
    assertThat(deposit.json().get("discount_months").doubleValue()).isCloseTo(1.0, Offset.offset(1e-6));
    assertThat(vast.showInstance(reserved).orElseThrow().dphTotal()).as("dph_total stays the on-demand price").isCloseTo(0.41, CENT);

    // 1000 − 230.40 prepaid − 3.78 (the worker) − 0.24 (the reserved one's storage; its GPU was prepaid).
    assertThat(vast.balance().balance()).isCloseTo(765.58, CENT);
    assertThat(vast.balance().credit()).isCloseTo(765.58, CENT);

    // Destroyed early: what is left of the deposit, less the discount it had and a 5 % fee, comes back.
    vast.destroyInstance(reserved);
    vast.destroyInstance(worker);
    assertThat(vast.balance().balance()).as("765.58 + (222.72 − 1.92) × 0.95").isCloseTo(975.34, CENT);
    List<BillingLine> invoices = vast.invoices(day.minusSeconds(60), day.plus(Duration.ofDays(2)));
    assertThat(invoices).extracting(BillingLine::type).containsExactly("refund", "reserved", "credit");
    assertThat(invoices).extracting(BillingLine::amount).containsExactly(-209.76, 230.40, -1000.0);
    clock.advance(HOUR.multipliedBy(5));
    assertThat(vast.balance().balance()).as("destroy stops all billing").isCloseTo(975.34, CENT);
  }

  @Test
  void prepayRefusesAsVastDoes() {
    VastClient vast = Sim.client(port, Sim.OTHER_KEY);
    Admin admin = new Admin(port);
    long id = vast.createInstance(1, CreateInstance.of("sim/stand-in", 10));
    try {
      ServiceClient.Response tooMuch = admin.send("PUT", "/api/v0/instances/prepay/{id}/", Sim.OTHER_KEY, "{\"amount\":1000000}", id);
      assertThat(tooMuch.status()).isEqualTo(411);
      ServiceClient.Response unknown = admin.send("PUT", "/api/v0/instances/prepay/{id}/", Sim.OTHER_KEY, "{\"amount\":1}", 42);
      assertThat(unknown.status()).isEqualTo(400);
      assertThat(unknown.json().get("msg").asString()).isEqualTo("No such instance");
      ServiceClient.Response foreign = admin.send("PUT", "/api/v0/instances/prepay/{id}/", Sim.KEY, "{\"amount\":1}", id);
      assertThat(foreign.status()).as("another account's instance").isEqualTo(400);
      ServiceClient.Response negative = admin.send("PUT", "/api/v0/instances/prepay/{id}/", Sim.OTHER_KEY, "{\"amount\":-5}", id);
      assertThat(negative.status()).isEqualTo(400);
      ServiceClient.Response none = admin.send("GET", "/api/v0/instances/balance/{id}/", Sim.OTHER_KEY, null, 42);
      assertThat(none.status()).isEqualTo(404);
      assertThat(none.json().get("error").asString()).isEqualTo("no_such_instance");
      ServiceClient.Response never = admin.send("GET", "/api/v0/instances/balance/{id}/", Sim.OTHER_KEY, null, id);
      assertThat(never.json().get("refundable_deposit").doubleValue()).isZero();
      long bid = vast.createInstance(1, CreateInstance.of("sim/stand-in", 10).withBid(0.25));
      ServiceClient.Response interruptible = admin.send("PUT", "/api/v0/instances/prepay/{id}/", Sim.OTHER_KEY, "{\"amount\":1}", bid);
      assertThat(interruptible.status()).isEqualTo(400);
      vast.destroyInstance(bid);
      assertThat(admin.send("POST", "/admin/v1/instances/{id}/traffic", Sim.ADMIN, "{\"down_gb\":-1,\"up_gb\":0}", id).status())
          .isEqualTo(400);
      assertThat(admin.send("POST", "/admin/v1/instances/{id}/traffic", Sim.ADMIN, "{\"down_gb\":1,\"up_gb\":0}", bid).status())
          .as("a destroyed instance").isEqualTo(404);
    } finally {
      vast.destroyInstance(id);
    }
  }

}
