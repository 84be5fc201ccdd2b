package dev.vastmesh.simulator.instances;

import dev.vastmesh.simulator.account.Accounts;
import dev.vastmesh.simulator.account.SimAccount;
import dev.vastmesh.simulator.billing.Ledger;
import dev.vastmesh.simulator.webhooks.Notifier;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Watches each account's credit: below its threshold a {@code client:low_credit} notification
 * (once, until the credit is back above it); at zero its instances stop, as Vast stops them —
 * storage goes on billing.
 */
@Component
class BalanceGuard {

  private final Accounts accounts;
  private final Ledger ledger;
  private final InstanceService instances;
  private final Notifier notifier;
  private final Set<Long> warned = ConcurrentHashMap.newKeySet();

  BalanceGuard(Accounts accounts, Ledger ledger, InstanceService instances, Notifier notifier) {
    this.accounts = accounts;
    this.ledger = ledger;
    this.instances = instances;
    this.notifier = notifier;
  }

  @Scheduled(fixedDelayString = "${vastmesh.simulator.balance-check-interval:500ms}")
  void check() {
    for (SimAccount account : accounts.all()) {
      double left = ledger.left(account.userId());
      if (left < account.lowBalanceThreshold()) {
        if (warned.add(account.userId())) {
          notifier.notify(account.userId(), "client:low_credit", "Low balance",
              String.format(Locale.ROOT, "Your Vast.ai balance is $%.2f, below your threshold of $%.2f.", left,
                  account.lowBalanceThreshold()));
        }
      } else {
        warned.remove(account.userId());
      }
      if (left <= 0) {
        instances.stopAll(account.userId(), "Instance stopped: insufficient credit");
      }
    }
  }
}
