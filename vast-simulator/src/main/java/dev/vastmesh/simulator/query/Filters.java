package dev.vastmesh.simulator.query;

import dev.vastmesh.simulator.web.VastError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Vast's filter object, {@code {"field": {"op": value, ...}, ...}}, over JSON rows (offers,
 * instances). Values come as the CLI sends them: numbers often as JSON strings ({@code "0.95"}),
 * so a string that reads as a number compares as one with a numeric field. A row without the
 * field fails every operator but {@code neq} and {@code notin}.
 */
public final class Filters {

  private static final Set<String> OPERATORS = Set.of("eq", "neq", "gt", "gte", "lt", "lte", "in", "notin");

  private record Term(String field, String op, JsonNode value) {
  }

  private final List<Term> terms;

  private Filters(List<Term> terms) {
    this.terms = terms;
  }

  /**
   * The filters of {@code query}, leaving out the keys in {@code notFilters} (order, limit ...).
   *
   * @throws VastError 400 for a filter that is not an operator object, or an unknown operator
   */
  public static Filters parse(JsonNode query, Set<String> notFilters) {
    if (!query.isObject()) {
      throw VastError.invalidArgs("The query must be a JSON object.");
    }
    List<Term> terms = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : query.properties()) {
      if (notFilters.contains(entry.getKey())) {
        continue;
      }
      if (!entry.getValue().isObject()) {
        throw VastError.invalidArgs("Filter on '" + entry.getKey() + "' must be an object such as {\"eq\": value}.");
      }
      for (Map.Entry<String, JsonNode> op : entry.getValue().properties()) {
        if (!OPERATORS.contains(op.getKey())) {
          throw VastError.invalidArgs("Unknown operator '" + op.getKey() + "' on '" + entry.getKey() + "'.");
        }
        if ((op.getKey().equals("in") || op.getKey().equals("notin")) && !op.getValue().isArray()) {
          throw VastError.invalidArgs("Operator '" + op.getKey() + "' on '" + entry.getKey() + "' needs a list.");
        }
        terms.add(new Term(entry.getKey(), op.getKey(), op.getValue()));
      }
    }
    return new Filters(List.copyOf(terms));
  }

  public boolean isEmpty() {
    return terms.isEmpty();
  }

  /** The fields filtered on. */
  public Set<String> fields() {
    return Set.copyOf(terms.stream().map(Term::field).toList());
  }

  public boolean matches(JsonNode row) {
    for (Term term : terms) {
      if (!matches(row.get(term.field()), term.op(), term.value())) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(JsonNode field, String op, JsonNode value) {
    boolean absent = field == null || field.isNull();
    return switch (op) {
      case "eq" -> absent ? value.isNull() : Values.compare(field, value) == 0;
      case "neq" -> absent ? !value.isNull() : Values.compare(field, value) != 0;
      case "in" -> !absent && contains(field, value);
      case "notin" -> absent || !contains(field, value);
      default -> {
        if (absent) {
          yield false;
        }
        int c = Values.compare(field, value);
        yield c != Values.INCOMPARABLE && switch (op) {
          case "gt" -> c > 0;
          case "gte" -> c >= 0;
          case "lt" -> c < 0;
          default -> c <= 0;
        };
      }
    };
  }

  private static boolean contains(JsonNode field, JsonNode list) {
    for (JsonNode candidate : list) {
      if (Values.compare(field, candidate) == 0) {
        return true;
      }
    }
    return false;
  }
}
