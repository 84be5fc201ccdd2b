package dev.vastmesh.examples.controlplane;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads, well enough for the project's own queries: what is
 * left of the expression once strings, label matchers, range selectors and grouping clauses are
 * taken out, minus function and aggregation names and keywords. promtool checks that the
 * expression parses; this says which series it needs.
 */
final class PromQl {

  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
  private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*]");
  private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.])[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring",
      "group_left", "group_right", "inf", "nan", "Inf", "NaN");

  private PromQl() {
  }

  /** Grafana's interval variables, as a duration promtool accepts. */
  static String withGrafanaVariables(String expr) {
    return expr.replace("$__rate_interval", "5m").replace("$__interval", "1m").replace("$__range", "1h");
  }

  static Set<String> metricNames(String expr) {
    String rest = STRING.matcher(expr).replaceAll("\"\"");
    rest = MATCHERS.matcher(rest).replaceAll(" ");
    rest = RANGE.matcher(rest).replaceAll(" ");
    rest = GROUPING.matcher(rest).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher identifier = IDENTIFIER.matcher(rest);
    while (identifier.find()) {
      String name = identifier.group();
      int next = identifier.end();
      while (next < rest.length() && Character.isWhitespace(rest.charAt(next))) {
        next++;
      }
      boolean called = next < rest.length() && rest.charAt(next) == '(';
      if (!called && !KEYWORDS.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }
}
