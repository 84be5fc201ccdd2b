package dev.vastmesh.simulator.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.simulator.config.SimClock;
import dev.vastmesh.simulator.config.SimulatorProperties;
import dev.vastmesh.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimClockTests {

  @Test
  void simulatedTimeRunsSpeedUpTimesFasterFromTheStart() {
    MutableClock real = new MutableClock(Instant.parse("2026-12-02T00:00:00Z"));
    SimClock sim = new SimClock(real, properties(3600));
    real.advance(Duration.ofSeconds(24));
    assertThat(sim.now()).isEqualTo(Instant.parse("2026-12-03T00:00:00Z"));
  }

  @Test
  void aContractBillsPerSecondForWhatItUses() {
    MutableClock real = new MutableClock(Instant.parse("2026-12-02T00:00:00Z"));
    SimClock sim = new SimClock(real, properties(60));
    Contract contract = new Ledger(sim).open(1, 1, new Rates(0.36, 0.30, 24));
    real.advance(Duration.ofSeconds(30));
    contract.change(sim.now(), Usage.GPU_AND_STORAGE);
    real.advance(Duration.ofSeconds(1));
    Cost cost = contract.cost(Instant.EPOCH, Instant.MAX, sim.now());
    assertThat(cost.gpuHours()).isEqualTo(1.0 / 60);
    assertThat(cost.storageHours()).isEqualTo(31.0 / 60);
    assertThat(cost.gpu()).isEqualTo(0.006, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(cost.storage()).isEqualTo(0.01 * 31 / 60, org.assertj.core.data.Offset.offset(1e-12));
  }

  private static SimulatorProperties properties(double speedUp) {
    return new SimulatorProperties(List.of(), "classpath:offers.yml", Map.of(), "true", speedUp, "127.0.0.1", null,
        null, null, null, null, List.of());
  }
}
