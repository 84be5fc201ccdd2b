package dev.vastmesh.simulator.billing;

import dev.vastmesh.simulator.account.SimAccount;
import dev.vastmesh.simulator.account.VastApi;
import dev.vastmesh.simulator.account.VastAuthFilter;
import dev.vastmesh.simulator.query.Filters;
import dev.vastmesh.simulator.query.PageToken;
import dev.vastmesh.simulator.web.VastError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/v1/invoices/}: the account's payments (the starting credit, top-ups, as
 * {@code credit}), its prepays into instances ({@code reserved}) and what came back of them
 * ({@code refund}). A missing
 * or unusable {@code when} answers 200 with {@code success: false}, as Vast does.
 */
@RestController
@VastApi
class InvoicesController {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<String> ORDER_COLUMNS = Set.of("paid_on", "amount_cents", "when");

  private final Ledger ledger;

  InvoicesController(Ledger ledger) {
    this.ledger = ledger;
  }

  @GetMapping("/api/v1/invoices/")
  Map<String, @Nullable Object> invoices(@RequestAttribute(VastAuthFilter.ACCOUNT) SimAccount account,
      @RequestParam(name = "select_filters", required = false) @Nullable String selectFilters,
      @RequestParam(name = "order_by", required = false) @Nullable String orderBy,
      @RequestParam(name = "latest_first", required = false, defaultValue = "true") boolean latestFirst,
      @RequestParam(required = false) @Nullable Integer limit,
      @RequestParam(name = "after_token", required = false) @Nullable String afterToken) {
    JsonNode filters = Select.parse(selectFilters, "select_filters");
    JsonNode when = filters.path("when");
    Double low = first(Select.seconds(when, "gte"), Select.seconds(when, "gt"));
    Double high = first(Select.seconds(when, "lte"), Select.seconds(when, "lt"));
    if (low == null || high == null || low.isNaN() || high.isNaN()) {
      return invalidRange();
    }
    Filters service = Filters.parse(filters.has("service") ? JSON.createObjectNode().set("service", filters.get("service"))
        : JSON.createObjectNode(), Set.of());
    int size = Select.limit(limit, 60, 1000);
    long offset = PageToken.position(afterToken);
    List<ObjectNode> rows = new ArrayList<>();
    for (Payment payment : ledger.payments(account.userId())) {
      double at = payment.at().toEpochMilli() / 1000.0;
      ObjectNode row = row(payment, at);
      if (inside(at, when, low, high) && service.matches(row.get("metadata"))) {
        rows.add(row);
      }
    }
    rows.sort(order(orderBy, latestFirst));
    List<ObjectNode> page = rows.subList((int) Math.min(offset, rows.size()), (int) Math.min(offset + size, rows.size()));
    Map<String, @Nullable Object> answer = new LinkedHashMap<>();
    answer.put("success", true);
    answer.put("count", page.size());
    answer.put("total", rows.size());
    answer.put("next_token", offset + size < rows.size() ? PageToken.of(offset + size) : null);
    answer.put("results", page);
    return answer;
  }

  private static boolean inside(double at, JsonNode when, double low, double high) {
    boolean above = when.has("gte") ? at >= low : at > low;
    boolean below = when.has("lte") ? at <= high : at < high;
    return above && below;
  }

  private static @Nullable Double first(@Nullable Double a, @Nullable Double b) {
    return a != null ? a : b;
  }

  private static Map<String, @Nullable Object> invalidRange() {
    Map<String, @Nullable Object> answer = new LinkedHashMap<>();
    answer.put("success", false);
    answer.put("error", "Invalid date range");
    answer.put("count", 0);
    answer.put("total", 0);
    answer.put("results", List.of());
    answer.put("next_token", null);
    return answer;
  }

  private static ObjectNode row(Payment payment, double at) {
    ObjectNode row = JSON.createObjectNode();
    row.put("start", at);
    row.put("end", at);
    row.put("type", payment.type());
    row.put("source", payment.source());
    row.put("description", description(payment));
    // Vast's own example of a card top-up reads negative: the sign is the opposite of what the
    // credit gained, so a prepay reads positive.
    row.put("amount", Math.round(-payment.amount() * 100) / 100.0);
    row.put("amount_cents", Math.round(Math.abs(payment.amount()) * 100));
    ObjectNode metadata = row.putObject("metadata");
    metadata.put("invoice_id", payment.id());
    metadata.put("service", payment.service());
    row.putArray("items");
    return row;
  }

  private static String description(Payment payment) {
    double amount = Math.abs(payment.amount());
    return switch (payment.type()) {
      case "reserved" -> String.format(Locale.ROOT, "$%.2f prepaid into %s", amount, payment.source().replace('-', ' '));
      case "refund" -> String.format(Locale.ROOT, "$%.2f of the deposit of %s refunded", amount, payment.source().replace('-', ' '));
      default -> String.format(Locale.ROOT, "$%.2f credit purchase", amount);
    };
  }

  private static Comparator<ObjectNode> order(@Nullable String orderBy, boolean latestFirst) {
    // Payments at the same moment keep the order they were made in.
    Comparator<ObjectNode> byWhen = Comparator.<ObjectNode>comparingDouble(r -> r.get("start").doubleValue())
        .thenComparingLong(r -> r.get("metadata").get("invoice_id").longValue());
    if (orderBy == null || orderBy.isBlank()) {
      return latestFirst ? byWhen.reversed() : byWhen;
    }
    JsonNode order = Select.parse(orderBy, "order_by");
    if (!order.isArray() || order.isEmpty()) {
      throw VastError.invalidArgs("order_by must be a list of {\"col\", \"dir\"} objects.");
    }
    JsonNode first = order.get(0);
    String col = first.path("col").asString("");
    String dir = first.path("dir").asString("desc");
    if (!ORDER_COLUMNS.contains(col) || !(dir.equals("asc") || dir.equals("desc"))) {
      throw VastError.invalidArgs("order_by col must be paid_on, amount_cents or when; dir asc or desc.");
    }
    Comparator<ObjectNode> by = col.equals("amount_cents") ? Comparator.comparingLong(r -> r.get("amount_cents").longValue()) : byWhen;
    return dir.equals("desc") ? by.reversed() : by;
  }
}
