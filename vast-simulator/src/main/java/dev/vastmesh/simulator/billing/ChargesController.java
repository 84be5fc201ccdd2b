package dev.vastmesh.simulator.billing;

import dev.vastmesh.simulator.account.SimAccount;
import dev.vastmesh.simulator.account.VastApi;
import dev.vastmesh.simulator.account.VastAuthFilter;
import dev.vastmesh.simulator.config.SimClock;
import dev.vastmesh.simulator.query.PageToken;
import dev.vastmesh.simulator.web.VastError;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v0/charges/}: one line per instance and UTC day inside {@code day}, each with
 * its gpu, disk, bwd and bwu items. A line covers the part of that day inside the range. The gpu
 * item is what the GPU hours cost, those a prepaid deposit paid at its discount; bwd and bwu are
 * the GB the instance downloaded and uploaded that day at the offer's {@code inet_down_cost} and
 * {@code inet_up_cost}.
 */
@RestController
@VastApi
class ChargesController {

  private final Ledger ledger;
  private final SimClock clock;

  ChargesController(Ledger ledger, SimClock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  @GetMapping("/api/v0/charges/")
  Map<String, @Nullable Object> charges(@RequestAttribute(VastAuthFilter.ACCOUNT) SimAccount account,
      @RequestParam(name = "select_filters", required = false) @Nullable String selectFilters,
      @RequestParam(name = "latest_first", required = false, defaultValue = "true") boolean latestFirst,
      @RequestParam(required = false) @Nullable Integer limit,
      @RequestParam(name = "after_token", required = false) @Nullable String afterToken,
      @RequestParam(required = false, defaultValue = "table") String format) {
    if (!format.equals("table") && !format.equals("tree")) {
      throw VastError.invalidArgs("format must be table or tree.");
    }
    JsonNode filters = Select.parse(selectFilters, "select_filters");
    JsonNode day = filters.path("day");
    Double gte = Select.seconds(day, "gte");
    Double lte = Select.seconds(day, "lte");
    if (gte == null || lte == null || gte.isNaN() || lte.isNaN()) {
      throw VastError.of(400, "invalid_args", "Must provide both 'day' gte and lte filters for instance charges");
    }
    int size = Select.limit(limit, 100, 500);
    long offset = PageToken.position(afterToken);
    List<Map<String, Object>> lines = wantsInstances(filters.path("type")) ? lines(account.userId(), gte, lte) : List.of();
    if (latestFirst) {
      lines = lines.reversed();
    }
    List<Map<String, Object>> page = lines.subList((int) Math.min(offset, lines.size()), (int) Math.min(offset + size, lines.size()));
    Map<String, @Nullable Object> answer = new LinkedHashMap<>();
    answer.put("success", true);
    answer.put("count", page.size());
    answer.put("total", lines.size());
    answer.put("next_token", offset + size < lines.size() ? PageToken.of(offset + size) : null);
    answer.put("results", page);
    return answer;
  }

  private static boolean wantsInstances(JsonNode type) {
    if (type.isMissingNode() || type.isNull()) {
      return true;
    }
    JsonNode in = type.path("in");
    if (!in.isArray()) {
      throw VastError.invalidArgs("type filter must be {\"in\": [instance, volume, serverless]}.");
    }
    for (JsonNode t : in) {
      if (t.asString().equals("instance")) {
        return true;
      }
    }
    return false;
  }

  /** Oldest first: by day, then by instance. */
  private List<Map<String, Object>> lines(long userId, double gte, double lte) {
    Instant from = Instant.ofEpochMilli((long) (gte * 1000));
    Instant to = Instant.ofEpochMilli((long) (lte * 1000)).plusMillis(1);
    Instant now = clock.now();
    List<Map<String, Object>> lines = new ArrayList<>();
    for (Instant dayStart = from.truncatedTo(ChronoUnit.DAYS); dayStart.isBefore(to); dayStart = dayStart.plus(Duration.ofDays(1))) {
      Instant a = dayStart.isBefore(from) ? from : dayStart;
      Instant dayEnd = dayStart.plus(Duration.ofDays(1));
      Instant b = dayEnd.isAfter(to) ? to : dayEnd;
      for (Contract contract : ledger.contracts(userId)) {
        Cost cost = contract.cost(a, b, now);
        if (!cost.isEmpty()) {
          lines.add(line(contract, cost, a, b));
        }
      }
    }
    return lines;
  }

  private static Map<String, Object> line(Contract contract, Cost cost, Instant from, Instant to) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("start", from.getEpochSecond());
    line.put("end", to.getEpochSecond());
    line.put("type", "instance");
    line.put("source", "instance-" + contract.id());
    line.put("description", "Instance " + contract.id() + " Charges - " + from.truncatedTo(ChronoUnit.DAYS).toString().substring(0, 10));
    line.put("amount", round(cost.total()));
    Map<String, Object> metadata = new LinkedHashMap<>();
    if (contract.label() != null) {
      metadata.put("label", contract.label());
    }
    line.put("metadata", metadata);
    Rates rates = cost.rates();
    String gpu = String.format(Locale.ROOT, "%.3f hours at $%.3f/hour", cost.gpuHours(), rates.gpuPerHour());
    if (cost.reservedHours() > 0) {
      gpu += String.format(Locale.ROOT, ", %.3f of them prepaid at $%.3f/hour", cost.reservedHours(),
          cost.fromDeposit() / cost.reservedHours());
    }
    line.put("items", List.of(
        item("gpu", gpu, cost.gpu(), from, to),
        item("disk", String.format(Locale.ROOT, "%.3f hours of %.0f GB at $%.3f/GB/month", cost.storageHours(), rates.disk(),
            rates.storageCost()), cost.storage(), from, to),
        item("bwd", String.format(Locale.ROOT, "%.3f GB downloaded at $%.4f/GB", cost.downGb(), rates.inetDownCost()), cost.down(),
            from, to),
        item("bwu", String.format(Locale.ROOT, "%.3f GB uploaded at $%.4f/GB", cost.upGb(), rates.inetUpCost()), cost.up(), from,
            to)));
    return line;
  }

  private static Map<String, @Nullable Object> item(String type, String description, double amount, Instant from, Instant to) {
    Map<String, @Nullable Object> item = new LinkedHashMap<>();
    item.put("start", from.getEpochSecond());
    item.put("end", to.getEpochSecond());
    item.put("type", type);
    item.put("source", null);
    item.put("description", description);
    item.put("amount", round(amount));
    return item;
  }

  static double round(double amount) {
    return Math.round(amount * 1000.0) / 1000.0;
  }
}
