package dev.vastmesh.vastai.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An offer search as Vast's CLI builds it from {@code search offers 'QUERY' -o ORDER}: the query
 * language's terms merged over the default filters, the order, the rental type, the storage to
 * price in, and an optional limit. {@link #toJson()} is the exact body of {@code POST /api/v0/bundles/}.
 *
 * <pre>
 * OfferSearch.parse("gpu_name=RTX_4090 reliability>0.95 num_gpus>=2").orderBy("dph+").toJson()
 * </pre>
 */
public final class OfferSearch {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  // field -> (operator -> value); insertion order is the body's order.
  private final Map<String, Map<String, Object>> filters;
  private final List<String[]> order;
  private final RentalKind type;
  private final double storageGib;
  private final @Nullable Integer limit;

  private OfferSearch(Map<String, Map<String, Object>> filters, List<String[]> order, RentalKind type, double storageGib,
      @Nullable Integer limit) {
    this.filters = filters;
    this.order = order;
    this.type = type;
    this.storageGib = storageGib;
    this.limit = limit;
  }

  /** The query with Vast's default filters (verified, not external, rentable). */
  public static OfferSearch parse(String query) {
    return parse(query, true);
  }

  /**
   * @param defaults false for the CLI's {@code -n}: no default filters
   */
  public static OfferSearch parse(String query, boolean defaults) {
    Map<String, Map<String, Object>> filters = new LinkedHashMap<>();
    if (defaults) {
      filters.put("verified", op("eq", true));
      filters.put("external", op("eq", false));
      filters.put("rentable", op("eq", true));
    }
    String text = query.strip();
    for (QueryParser.Term term : QueryParser.terms(text)) {
      String field = Fields.canonical(term.field());
      if (!Fields.KNOWN.contains(field)) {
        throw new QuerySyntaxException("unknown field '" + term.field() + "'", text, term.position());
      }
      if (term.operator() == null) {
        throw new QuerySyntaxException(term.writtenOperator().isEmpty() ? "expected an operator after '" + term.field() + "'"
            : "unknown operator '" + term.writtenOperator() + "'", text, term.position());
      }
      Values.Outcome outcome;
      try {
        outcome = Values.convert(field, term.operator(), term.value());
      } catch (IllegalArgumentException e) {
        throw new QuerySyntaxException(e.getMessage(), text, term.position());
      }
      switch (outcome) {
        case Values.Remove remove -> filters.remove(field);
        case Values.Put put -> filters.computeIfAbsent(field, f -> new LinkedHashMap<>()).put(term.operator(), put.value());
      }
    }
    return new OfferSearch(filters, parseOrder("score-"), RentalKind.ON_DEMAND, 5.0, null);
  }

  /** The order, as the CLI's {@code -o}: comma-separated fields, {@code -} at either end for descending, {@code +} ascending. */
  public OfferSearch orderBy(String order) {
    return new OfferSearch(filters, parseOrder(order), type, storageGib, limit);
  }

  public OfferSearch type(RentalKind kind) {
    return new OfferSearch(filters, order, kind, storageGib, limit);
  }

  /** The disk (GiB) the search prices offers with ({@code allocated_storage}). */
  public OfferSearch storage(double gib) {
    if (!Double.isFinite(gib)) {
      throw new IllegalArgumentException("storage must be a finite number of GiB");
    }
    return new OfferSearch(filters, order, type, gib, limit);
  }

  public OfferSearch limit(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    return new OfferSearch(filters, order, type, storageGib, max);
  }

  /** The request body, as a tree. */
  public ObjectNode toTree() {
    ObjectNode body = NODES.objectNode();
    filters.forEach((field, ops) -> {
      ObjectNode node = body.putObject(field);
      ops.forEach((op, value) -> node.set(op, JSON.valueToTree(value)));
    });
    ArrayNode orderNode = body.putArray("order");
    order.forEach(o -> orderNode.addArray().add(o[0]).add(o[1]));
    body.put("type", type.wire());
    if (limit != null) {
      body.put("limit", limit);
    }
    body.put("allocated_storage", storageGib);
    return body;
  }

  /** The request body as compact JSON. */
  public String toJson() {
    return toTree().toString();
  }

  /**
   * As Vast's CLI reads {@code -o}: comma-separated, blanks skipped; {@code -} at either end (or
   * both) descending, {@code +} ascending, which wins when both are there. A name that is not a
   * column name once stripped ({@code dph total}, {@code -dph+}, a lone {@code -}) is an error here;
   * Vast's CLI sends it as written.
   */
  static List<String[]> parseOrder(String text) {
    List<String[]> order = new ArrayList<>();
    int position = 0;
    for (String part : text.split(",", -1)) {
      String name = part.strip();
      if (!name.isEmpty()) {
        String field = name;
        String direction = "asc";
        if (!Values.trim(name, "-").equals(name)) {
          direction = "desc";
          field = Values.trim(name, "-");
        }
        if (!Values.trim(name, "+").equals(name)) {
          direction = "asc";
          field = Values.trim(name, "+");
        }
        if (!field.matches("[A-Za-z0-9_]+")) {
          throw new QuerySyntaxException("invalid order field '" + name + "'", text, position);
        }
        order.add(new String[] {Fields.canonical(field), direction});
      }
      position += part.length() + 1;
    }
    return order;
  }

  private static Map<String, Object> op(String operator, Object value) {
    Map<String, Object> ops = new LinkedHashMap<>();
    ops.put(operator, value);
    return ops;
  }

  @Override
  public String toString() {
    return toJson();
  }

}
