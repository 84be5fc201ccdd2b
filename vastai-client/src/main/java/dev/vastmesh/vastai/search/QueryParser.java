package dev.vastmesh.vastai.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the CLI's query text term by term: {@code field op value}, separated by spaces. Anything
 * it cannot read is an error that points at the unconsumed text; nothing is skipped silently.
 */
final class QueryParser {

  /** A value as written: plain, quoted, or a {@code [a,b]} list. */
  sealed interface Raw {
  }

  record Plain(String text) implements Raw {
  }

  record Quoted(String text) implements Raw {
  }

  record ListOf(List<Raw> items) implements Raw {
  }

  /** One {@code field op value} term; {@code removesFilter} for {@code field=any}. */
  record Term(String field, String operator, Raw value, boolean removesFilter, int position) {
  }

  private static final Map<String, String> SYMBOLS = Map.of(
      "=", "eq", "==", "eq", "!=", "neq", ">", "gt", ">=", "gte", "<", "lt", "<=", "lte");
  // Longest first, so "not eq" is not read as "not" and "gte" not as "gt".
  private static final List<String[]> WORDS = List.of(
      new String[] {"not eq", "neq"}, new String[] {"not in", "notin"}, new String[] {"noteq", "neq"},
      new String[] {"notin", "notin"}, new String[] {"neq", "neq"}, new String[] {"nin", "notin"},
      new String[] {"gte", "gte"}, new String[] {"lte", "lte"}, new String[] {"eq", "eq"},
      new String[] {"gt", "gt"}, new String[] {"lt", "lt"}, new String[] {"in", "in"});

  private final String text;
  private int i;

  QueryParser(String text) {
    this.text = text;
  }

  List<Term> terms() {
    List<Term> terms = new ArrayList<>();
    skipSpaces();
    while (i < text.length()) {
      terms.add(term());
      skipSpaces();
    }
    return terms;
  }

  private Term term() {
    int start = i;
    while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
      i++;
    }
    if (i == start) {
      throw new QuerySyntaxException("unconsumed text", text, start);
    }
    String field = text.substring(start, i).toLowerCase(Locale.ROOT);
    skipSpaces();
    String operator = operator(field);
    skipSpaces();
    int valueAt = i;
    Raw value = value();
    if (i < text.length() && text.charAt(i) != ' ') {
      throw new QuerySyntaxException("unconsumed text", text, i);
    }
    boolean wildcard = value instanceof Plain plain && (plain.text().equals("any") || plain.text().equals("*") || plain.text().equals("?"));
    if (wildcard && !operator.equals("eq")) {
      throw new QuerySyntaxException("'" + ((Plain) value).text() + "' removes a filter and only goes with =", text, valueAt);
    }
    boolean listOperator = operator.equals("in") || operator.equals("notin");
    if (value instanceof ListOf && !listOperator) {
      throw new QuerySyntaxException("a [list] only goes with in / notin", text, valueAt);
    }
    if (listOperator && !(value instanceof ListOf)) {
      value = new ListOf(List.of(value));
    }
    return new Term(field, operator, value, wildcard, start);
  }

  private String operator(String field) {
    int start = i;
    if (i < text.length() && "=<>!".indexOf(text.charAt(i)) >= 0) {
      while (i < text.length() && "=<>!".indexOf(text.charAt(i)) >= 0) {
        i++;
      }
      String symbol = text.substring(start, i);
      String operator = SYMBOLS.get(symbol);
      if (operator == null) {
        throw new QuerySyntaxException("unknown operator '" + symbol + "'", text, start);
      }
      return operator;
    }
    String rest = text.substring(i).toLowerCase(Locale.ROOT);
    for (String[] word : WORDS) {
      if (rest.startsWith(word[0] + " ")) {
        i += word[0].length();
        return word[1];
      }
    }
    throw new QuerySyntaxException("expected an operator after '" + field + "'", text, start);
  }

  private Raw value() {
    if (i >= text.length()) {
      throw new QuerySyntaxException("missing value", text, i);
    }
    char c = text.charAt(i);
    if (c == '[') {
      int close = text.indexOf(']', i);
      if (close < 0) {
        throw new QuerySyntaxException("unterminated list", text, i);
      }
      int itemAt = i + 1;
      List<Raw> items = new ArrayList<>();
      for (String item : text.substring(i + 1, close).split(",", -1)) {
        String trimmed = item.strip();
        if (trimmed.isEmpty()) {
          throw new QuerySyntaxException("empty list item", text, itemAt);
        }
        items.add(trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
            ? new Quoted(trimmed.substring(1, trimmed.length() - 1)) : new Plain(trimmed));
        itemAt += item.length() + 1;
      }
      i = close + 1;
      return new ListOf(items);
    }
    if (c == '"') {
      int close = text.indexOf('"', i + 1);
      if (close < 0) {
        throw new QuerySyntaxException("unterminated quoted string", text, i);
      }
      String quoted = text.substring(i + 1, close);
      i = close + 1;
      return new Quoted(quoted);
    }
    int start = i;
    while (i < text.length() && text.charAt(i) != ' ') {
      i++;
    }
    String plain = text.substring(start, i);
    if ("=<>!".indexOf(plain.charAt(0)) >= 0) {
      throw new QuerySyntaxException("unknown operator", text, start);
    }
    return new Plain(plain);
  }

  private void skipSpaces() {
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
  }
}
