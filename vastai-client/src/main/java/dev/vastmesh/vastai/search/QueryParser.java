package dev.vastmesh.vastai.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Splits the CLI's query text into {@code field op value} terms the way Vast's CLI does: one
 * regular expression, matched again and again; the matches must cover the whole text, or the
 * first gap is an error ("unconsumed text"). Only the space separates terms; a word operator
 * ({@code gt}, {@code not in}) needs a space on both sides, a symbol one ({@code >=}) none; a
 * value is a {@code [list]}, a {@code "quoted string"} or a run of non-spaces.
 */
final class QueryParser {

  /** One term as written; {@code operator} is null when the written one is not an operator. */
  record Term(String field, @Nullable String operator, String writtenOperator, String value, int position) {
  }

  private static final Pattern TERM = Pattern.compile(
      "([a-zA-Z0-9_]+)( *[=><!]+| +(?:[lg]te?|nin|neq|eq|not ?eq|not ?in|in) )?( *)(\\[[^\\]]+\\]|\"[^\"]+\"|[^ ]+)?( *)");

  private static final Map<String, String> OPERATORS = Map.ofEntries(
      Map.entry("=", "eq"), Map.entry("==", "eq"), Map.entry("eq", "eq"),
      Map.entry("!=", "neq"), Map.entry("neq", "neq"), Map.entry("noteq", "neq"), Map.entry("not eq", "neq"),
      Map.entry(">", "gt"), Map.entry("gt", "gt"), Map.entry(">=", "gte"), Map.entry("gte", "gte"),
      Map.entry("<", "lt"), Map.entry("lt", "lt"), Map.entry("<=", "lte"), Map.entry("lte", "lte"),
      Map.entry("in", "in"), Map.entry("notin", "notin"), Map.entry("nin", "notin"), Map.entry("not in", "notin"));

  private QueryParser() {
  }

  /** The terms of a query already stripped of surrounding whitespace. */
  static List<Term> terms(String text) {
    List<Term> terms = new ArrayList<>();
    Matcher m = TERM.matcher(text);
    int covered = 0;
    while (m.find()) {
      if (m.start() != covered) {
        throw new QuerySyntaxException("unconsumed text", text, covered);
      }
      String written = group(m, 2).strip();
      terms.add(new Term(m.group(1), OPERATORS.get(written), written, group(m, 4), m.start()));
      covered = m.end();
    }
    if (covered != text.length()) {
      throw new QuerySyntaxException("unconsumed text", text, covered);
    }
    return terms;
  }

  private static String group(Matcher m, int group) {
    String value = m.group(group);
    return value == null ? "" : value;
  }
}
