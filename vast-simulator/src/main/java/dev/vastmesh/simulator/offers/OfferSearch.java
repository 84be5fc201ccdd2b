package dev.vastmesh.simulator.offers;

import dev.vastmesh.simulator.query.Filters;
import dev.vastmesh.simulator.query.Values;
import dev.vastmesh.simulator.web.VastError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Vast's offer search over the catalogue: the query's filters over the offer fields, {@code type}
 * choosing the price shown (a bid shows {@code min_bid}), {@code allocated_storage} adding its
 * storage to {@code dph_total} and leaving out machines with less disk, then {@code order} and
 * {@code limit}. Without an order the best {@code score} comes first, as the CLI's default.
 */
@Component
public class OfferSearch {

  private static final Set<String> NOT_FILTERS = Set.of("order", "limit", "type", "allocated_storage", "disable_bundling", "extra_ids");
  private static final double HOURS_PER_MONTH = 720.0;

  private final Catalogue catalogue;

  public OfferSearch(Catalogue catalogue) {
    this.catalogue = catalogue;
  }

  public List<ObjectNode> search(JsonNode query) {
    Filters filters = Filters.parse(query, NOT_FILTERS);
    RentalType type = RentalType.of(query.get("type"));
    double storage = storage(query.get("allocated_storage"));
    Comparator<ObjectNode> order = order(query.get("order"));
    int limit = limit(query.get("limit"));
    List<ObjectNode> found = new ArrayList<>();
    for (CatalogueOffer offer : catalogue.all()) {
      if (offer.diskSpace() < storage) {
        continue;
      }
      ObjectNode view = view(offer, type, storage, catalogue.available(offer));
      if (filters.matches(view)) {
        found.add(view);
      }
    }
    found.sort(order);
    return found.size() > limit ? found.subList(0, limit) : found;
  }

  /** An offer as a search shows it, priced for this rental type and storage. */
  static ObjectNode view(CatalogueOffer offer, RentalType type, double storage, int available) {
    ObjectNode view = offer.fields().deepCopy();
    double gpu = type == RentalType.BID ? offer.minBid() : offer.dphBase();
    double storageTotal = offer.storageCost() * storage / HOURS_PER_MONTH;
    view.put("ask_contract_id", offer.id());
    view.put("dph_base", gpu);
    view.put("storage_total_cost", storageTotal);
    view.put("dph_total", gpu + storageTotal);
    // A reserved price is the on-demand one at the deepest discount a prepay reaches.
    double discounted = type == RentalType.RESERVED ? gpu * (1 - offer.creditDiscountMax()) : gpu;
    view.put("credit_discount_max", offer.creditDiscountMax());
    view.put("discounted_dph_total", discounted + storageTotal);
    view.put("is_bid", type == RentalType.BID);
    view.put("rentable", available > 0 && offer.fields().path("rentable").asBoolean(true));
    view.put("rented", available <= 0);
    view.put("internet_up_cost_per_tb", offer.fields().path("inet_up_cost").asDouble(0) * 1024);
    view.put("internet_down_cost_per_tb", offer.fields().path("inet_down_cost").asDouble(0) * 1024);
    return view;
  }

  private static double storage(JsonNode value) {
    if (value == null || value.isNull()) {
      return 5.0;
    }
    if (!value.isNumber() && !(value.isString() && value.asString().matches("\\d+(\\.\\d+)?"))) {
      throw VastError.invalidArgs("allocated_storage must be a number of GB.");
    }
    double gb = value.asDouble();
    if (gb < 0) {
      throw VastError.invalidArgs("allocated_storage must not be negative.");
    }
    return gb;
  }

  private static int limit(JsonNode value) {
    if (value == null || value.isNull()) {
      return Integer.MAX_VALUE;
    }
    if (!value.canConvertToInt() || value.intValue() < 0) {
      throw VastError.invalidArgs("limit must be a whole number.");
    }
    return value.intValue();
  }

  /** {@code [["dph_total","asc"], ...]}; a bare field name sorts ascending. */
  static Comparator<ObjectNode> order(JsonNode order) {
    if (order == null || order.isNull() || order.isEmpty()) {
      return by("score", true);
    }
    if (!order.isArray()) {
      throw VastError.invalidArgs("order must be a list of [field, direction] pairs.");
    }
    Comparator<ObjectNode> result = null;
    for (JsonNode pair : order) {
      String field;
      boolean desc;
      if (pair.isString()) {
        field = pair.asString();
        desc = false;
      } else if (pair.isArray() && !pair.isEmpty() && pair.get(0).isString()) {
        field = pair.get(0).asString();
        String dir = pair.size() > 1 ? pair.get(1).asString() : "asc";
        if (!dir.equals("asc") && !dir.equals("desc")) {
          throw VastError.invalidArgs("Order direction must be asc or desc, not '" + dir + "'.");
        }
        desc = dir.equals("desc");
      } else {
        throw VastError.invalidArgs("order must be a list of [field, direction] pairs.");
      }
      Comparator<ObjectNode> next = by(field, desc);
      result = result == null ? next : result.thenComparing(next);
    }
    return result;
  }

  private static Comparator<ObjectNode> by(String field, boolean desc) {
    Comparator<ObjectNode> asc = (a, b) -> Values.ORDER.compare(a.get(field), b.get(field));
    if (!desc) {
      return asc;
    }
    // Missing values stay last in both directions.
    return (a, b) -> {
      boolean aAbsent = a.get(field) == null || a.get(field).isNull();
      boolean bAbsent = b.get(field) == null || b.get(field).isNull();
      return aAbsent || bAbsent ? Boolean.compare(aAbsent, bAbsent) : -asc.compare(a, b);
    };
  }
}
