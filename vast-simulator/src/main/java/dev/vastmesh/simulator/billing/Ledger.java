package dev.vastmesh.simulator.billing;

import dev.vastmesh.simulator.config.SimClock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/** Every contract and payment of every account, and what each account has left. */
@Component
public class Ledger {

  private final SimClock clock;
  private final Map<Long, Contract> contracts = new ConcurrentHashMap<>();
  private final List<Payment> payments = new CopyOnWriteArrayList<>();

  public Ledger(SimClock clock) {
    this.clock = clock;
  }

  /** Opens the bill of a new instance; storage is paid from now. */
  public Contract open(long instanceId, long userId, Rates rates) {
    Contract contract = new Contract(instanceId, userId, clock.now(), rates, Usage.STORAGE);
    contracts.put(instanceId, contract);
    return contract;
  }

  public void pay(Payment payment) {
    payments.add(payment);
  }

  /** The account's contracts, oldest first. */
  public List<Contract> contracts(long userId) {
    return contracts.values().stream().filter(c -> c.userId() == userId).sorted(Comparator.comparingLong(Contract::id)).toList();
  }

  public List<Payment> payments(long userId) {
    return payments.stream().filter(p -> p.userId() == userId).toList();
  }

  /** Credit bought minus everything used, up to now. */
  public double left(long userId) {
    Instant now = clock.now();
    double paid = payments(userId).stream().mapToDouble(Payment::amount).sum();
    double spent = contracts(userId).stream().mapToDouble(c -> c.cost(c.created(), now, now).total()).sum();
    return paid - spent;
  }
}
