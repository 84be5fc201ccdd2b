package dev.vastmesh.simulator.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.vastmesh.simulator.account.Accounts;
import dev.vastmesh.simulator.billing.Contract;
import dev.vastmesh.simulator.billing.Ledger;
import dev.vastmesh.simulator.billing.Payment;
import dev.vastmesh.simulator.billing.Rates;
import dev.vastmesh.simulator.billing.Usage;
import dev.vastmesh.simulator.config.SimClock;
import dev.vastmesh.simulator.config.SimulatorProperties;
import dev.vastmesh.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class BalanceGuardTests {

  private final MutableClock real = new MutableClock(Instant.parse("2026-12-02T00:00:00Z"));
  private final SimulatorProperties properties = new SimulatorProperties(
      List.of(new SimulatorProperties.Account("key", 7, "a@b.c", 0, 2.0)), "classpath:offers.yml", Map.of(), "true", 1.0,
      "127.0.0.1", null, null, null, null, null, List.of());
  private final SimClock clock = new SimClock(real, properties);
  private final Ledger ledger = new Ledger(clock);
  private final InstanceService instances = mock(InstanceService.class);
  private final List<String> notified = new CopyOnWriteArrayList<>();
  private final BalanceGuard guard = new BalanceGuard(new Accounts(properties), ledger, instances,
      (user, key, subject, message) -> notified.add(user + " " + key));

  @Test
  void lowCreditIsNotifiedOnceAndAtZeroTheInstancesStop() {
    ledger.pay(new Payment(1, 7, clock.now(), 5.0, "stripe_payments", "stripe"));
    Contract contract = ledger.open(11, 7, new Rates(1.0, 0, 0));
    contract.change(clock.now(), Usage.GPU_AND_STORAGE);
    guard.check();
    assertThat(notified).isEmpty();

    real.advance(Duration.ofHours(3).plusMinutes(30));
    guard.check();
    guard.check();
    assertThat(notified).containsExactly("7 client:low_credit");
    verify(instances, never()).stopAll(7, "Instance stopped: insufficient credit");

    real.advance(Duration.ofHours(2));
    guard.check();
    verify(instances).stopAll(7, "Instance stopped: insufficient credit");
  }
}
