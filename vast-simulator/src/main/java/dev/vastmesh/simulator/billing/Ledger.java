package dev.vastmesh.simulator.billing;

import dev.vastmesh.simulator.config.SimClock;
import dev.vastmesh.simulator.web.VastError;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Every contract and payment of every account, and what each account has left: the credit it
 * bought, minus its prepays, plus what came back of them, minus everything its contracts used that
 * no deposit paid.
 */
@Component
public class Ledger {

  /** What Vast keeps of a deposit's remainder when its instance ends early. */
  static final double EARLY_END_FEE = 0.05;

  private final SimClock clock;
  private final Map<Long, Contract> contracts = new ConcurrentHashMap<>();
  private final List<Payment> payments = new CopyOnWriteArrayList<>();
  private final AtomicLong invoiceIds = new AtomicLong(880_000);

  public Ledger(SimClock clock) {
    this.clock = clock;
  }

  /** Opens the bill of a new on-demand instance; storage is paid from now. */
  public Contract open(long instanceId, long userId, Rates rates) {
    return open(instanceId, userId, rates, false);
  }

  /** Opens the bill of a new instance; storage is paid from now. */
  public Contract open(long instanceId, long userId, Rates rates, boolean bid) {
    Contract contract = new Contract(instanceId, userId, clock.now(), rates, bid, Usage.STORAGE);
    contracts.put(instanceId, contract);
    return contract;
  }

  public void pay(Payment payment) {
    payments.add(payment);
  }

  /** A new invoice id. */
  long invoiceId() {
    return invoiceIds.incrementAndGet();
  }

  /** The contract of an instance that is not destroyed. */
  public Optional<Contract> live(long instanceId) {
    return Optional.ofNullable(contracts.get(instanceId)).filter(Contract::open);
  }

  /**
   * Moves {@code amount} of the account's credit into the instance's deposit.
   *
   * @throws VastError 411 when the account has less credit than that
   */
  public synchronized Contract.Deposit prepay(Contract contract, double amount) {
    Instant now = clock.now();
    if (left(contract.userId()) < amount) {
      throw VastError.of(411, "insufficient_credit", "Insufficient credit for a prepay of $" + amount + ".");
    }
    Contract.Deposit deposit = contract.deposit(now, amount);
    pay(new Payment(invoiceId(), contract.userId(), now, -amount, "instance_prepay", "instance-" + contract.id(), "reserved"));
    return deposit;
  }

  /**
   * The instance is destroyed: what is left of its deposit comes back (to the cent), less the
   * discount it already had and a {@value #EARLY_END_FEE} fee on the rest.
   */
  public synchronized void settle(Contract contract) {
    Contract.Reserve reserve = contract.reserve(clock.now());
    double refund = Math.round((reserve.left() - reserve.saved()) * (1 - EARLY_END_FEE) * 100) / 100.0;
    if (reserve.left() > 0 && refund > 0) {
      pay(new Payment(invoiceId(), contract.userId(), clock.now(), refund, "instance_prepay", "instance-" + contract.id(), "refund"));
    }
  }

  /** The account's contracts, oldest first. */
  public List<Contract> contracts(long userId) {
    return contracts.values().stream().filter(c -> c.userId() == userId).sorted(Comparator.comparingLong(Contract::id)).toList();
  }

  public List<Payment> payments(long userId) {
    return payments.stream().filter(p -> p.userId() == userId).toList();
  }

  /** The credit left now. */
  public double left(long userId) {
    Instant now = clock.now();
    double paid = payments(userId).stream().mapToDouble(Payment::amount).sum();
    double spent = contracts(userId).stream().mapToDouble(c -> c.cost(c.created(), now, now).fromCredit()).sum();
    return paid - spent;
  }
}
