package dev.vastmesh.simulator.billing;

import dev.vastmesh.simulator.account.Accounts;
import dev.vastmesh.simulator.account.SimAccount;
import dev.vastmesh.simulator.config.SimClock;
import org.springframework.stereotype.Component;

/** Each account starts with its configured credit, booked as a card payment; top-ups are more payments. */
@Component
public class StartingCredit {

  private final Ledger ledger;
  private final SimClock clock;

  StartingCredit(Accounts accounts, Ledger ledger, SimClock clock) {
    this.ledger = ledger;
    this.clock = clock;
    for (SimAccount account : accounts.all()) {
      if (account.initialCredit() > 0) {
        add(account.userId(), account.initialCredit());
      }
    }
  }

  /** Adds credit to an account now, as a Stripe payment. */
  public Payment add(long userId, double amount) {
    Payment payment = new Payment(ledger.invoiceId(), userId, clock.now(), amount, "stripe_payments", "stripe");
    ledger.pay(payment);
    return payment;
  }
}
