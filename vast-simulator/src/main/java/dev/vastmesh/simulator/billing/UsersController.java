package dev.vastmesh.simulator.billing;

import dev.vastmesh.simulator.account.SimAccount;
import dev.vastmesh.simulator.account.VastApi;
import dev.vastmesh.simulator.account.VastAuthFilter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v0/users/current/}. What Vast's {@code balance} means beside {@code credit} is
 * not documented; here both are the credit left, {@code balance} going negative when overspent
 * and {@code credit} stopping at zero.
 */
@RestController
@VastApi
class UsersController {

  private final Ledger ledger;

  UsersController(Ledger ledger) {
    this.ledger = ledger;
  }

  @GetMapping("/api/v0/users/current/")
  Map<String, @Nullable Object> current(@RequestAttribute(VastAuthFilter.ACCOUNT) SimAccount account) {
    double left = ledger.left(account.userId());
    Map<String, @Nullable Object> user = new LinkedHashMap<>();
    user.put("id", account.userId());
    user.put("username", account.email().split("@")[0]);
    user.put("email", account.email());
    user.put("fullname", null);
    user.put("balance", ChargesController.round(left));
    user.put("credit", ChargesController.round(Math.max(0, left)));
    user.put("balance_threshold", account.lowBalanceThreshold());
    user.put("balance_threshold_enabled", true);
    user.put("can_pay", true);
    user.put("has_billing", true);
    user.put("billing_creditonly", false);
    user.put("email_verified", true);
    user.put("ssh_key", null);
    return user;
  }
}
