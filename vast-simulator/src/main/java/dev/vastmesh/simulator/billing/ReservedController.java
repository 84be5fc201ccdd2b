package dev.vastmesh.simulator.billing;

import dev.vastmesh.simulator.account.SimAccount;
import dev.vastmesh.simulator.account.VastApi;
import dev.vastmesh.simulator.account.VastAuthFilter;
import dev.vastmesh.simulator.config.SimClock;
import dev.vastmesh.simulator.web.VastError;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Reserved instances, Vast's way: an on-demand instance becomes reserved when credit is prepaid
 * into it ({@code PUT /api/v0/instances/prepay/{id}/}); the deposit then pays its GPU hours at a
 * discount set by how many months it covers. {@code GET /api/v0/instances/balance/{id}/} shows
 * what is left of it.
 */
@RestController
@VastApi
class ReservedController {

  private final Ledger ledger;
  private final SimClock clock;

  ReservedController(Ledger ledger, SimClock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  /** 400 "No such instance" for one that is not the account's, 411 when the credit is short. */
  @PutMapping("/api/v0/instances/prepay/{id}/")
  Map<String, Object> prepay(@RequestAttribute(VastAuthFilter.ACCOUNT) SimAccount account, @PathVariable long id,
      @RequestBody JsonNode body) {
    Contract contract = ledger.live(id).filter(c -> c.userId() == account.userId())
        .orElseThrow(() -> VastError.of(400, "no_such_instance", "No such instance"));
    double amount = amount(body);
    if (contract.bid()) {
      throw VastError.invalidArgs("Only an on-demand instance can be reserved; instance " + id + " is interruptible.");
    }
    Contract.Deposit deposit = ledger.prepay(contract, amount);
    return Map.of("success", true, "timescale", deposit.months(), "discount_rate", deposit.discount());
  }

  @GetMapping("/api/v0/instances/balance/{id}/")
  Map<String, @Nullable Object> balance(@RequestAttribute(VastAuthFilter.ACCOUNT) SimAccount account, @PathVariable long id,
      @RequestParam(required = false) @Nullable String owner) {
    Contract contract = ledger.live(id).filter(c -> c.userId() == account.userId())
        .orElseThrow(() -> VastError.of(404, "no_such_instance", "Instance " + id + " not found."));
    Contract.Reserve reserve = contract.reserve(clock.now());
    Map<String, @Nullable Object> answer = new LinkedHashMap<>();
    answer.put("success", true);
    answer.put("refundable_deposit", ChargesController.round(reserve.left()));
    answer.put("total_discount", ChargesController.round(reserve.saved()));
    answer.put("discount_months", reserve.months());
    return answer;
  }

  private static double amount(JsonNode body) {
    JsonNode amount = body.path("amount");
    double value;
    if (amount.isNumber()) {
      value = amount.doubleValue();
    } else if (amount.isString()) {
      try {
        value = Double.parseDouble(amount.asString());
      } catch (NumberFormatException e) {
        value = Double.NaN;
      }
    } else {
      value = Double.NaN;
    }
    if (!(value > 0) || Double.isInfinite(value)) {
      throw VastError.invalidArgs("amount must be a positive number of dollars.");
    }
    return value;
  }
}
