package dev.vastmesh.vastai.search;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns a written value into what the search body carries, as Vast's CLI does: {@code [ ] ,}
 * trimmed from both ends; for in/notin, the comma-separated items; {@code _} to a space, then
 * {@code "} trimmed from both ends (so quoting keeps spaces, not underscores); {@code true True
 * false False None null} by name (quoted too); other values as JSON strings, except the unit
 * fields, sent as numbers (GB typed, MB sent; days typed, seconds sent), and the driver version,
 * {@code X.Y.Z} sent as one integer (535.86.05 → 535086005).
 *
 * <p>Stricter than Vast's CLI in one place, where it would send what its API cannot use: a driver
 * version without dots, which it sends as a string to be compared with those integers. A
 * non-finite number is refused as its HTTP library refuses to encode one.
 */
final class Values {

  /** What a term does to its field's filter. */
  sealed interface Outcome {
  }

  /** {@code field=any}: drop the filter, a default one included. */
  record Remove() implements Outcome {
  }

  record Put(@Nullable Object value) implements Outcome {
  }

  private static final Set<String> WILDCARDS = Set.of("any", "*", "?");
  // Python's float(): a sign, digits with an optional point and exponent, or inf / infinity / nan.
  private static final Pattern FLOAT = Pattern.compile("[+-]?((\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?|(?i:inf|infinity|nan))");
  // Python's int(): a sign, digits, single underscores between them.
  private static final Pattern INT = Pattern.compile("[+-]?\\d+(_\\d+)*");

  private Values() {
  }

  /** @throws IllegalArgumentException when Vast's CLI would refuse the value, or send one its API cannot use */
  static Outcome convert(String field, String operator, String written) {
    String value = trim(written, ",[]");
    boolean list = operator.equals("in") || operator.equals("notin");
    if (field.equals("driver_version") && value.contains(".")) {
      if (list) {
        throw new IllegalArgumentException("driver_version takes one version, not a list");
      }
      return new Put(driverVersion(value));
    }
    if (list) {
      return new Put(items(field, value, written));
    }
    if (value.isEmpty()) {
      throw new IllegalArgumentException("missing value");
    }
    if (WILDCARDS.contains(value)) {
      if (!operator.equals("eq")) {
        throw new IllegalArgumentException("'" + value + "' removes a filter and only goes with =");
      }
      return new Remove();
    }
    String text = text(value);
    Double factor = Fields.FACTORS.get(field);
    if (factor != null) {
      return new Put(scaled(field, text, factor));
    }
    Object named = switch (text) {
      case "true", "True" -> Boolean.TRUE;
      case "false", "False" -> Boolean.FALSE;
      case "None", "null" -> null;
      default -> text;
    };
    if (field.equals("driver_version") && named != null) {
      throw fullVersion(written);
    }
    return new Put(named);
  }

  private static List<String> items(String field, String value, String written) {
    List<String> items = new ArrayList<>();
    for (String item : value.split(",", -1)) {
      if (!item.strip().isEmpty()) {
        items.add(text(item.strip()));
      }
    }
    if (items.isEmpty()) {
      throw new IllegalArgumentException("missing value");
    }
    if (Fields.FACTORS.containsKey(field)) {
      throw new IllegalArgumentException(field + " takes one number, not a list");
    }
    if (field.equals("driver_version")) {
      throw fullVersion(written);
    }
    return items;
  }

  private static String text(String value) {
    return trim(value.replace('_', ' '), "\"");
  }

  private static double scaled(String field, String text, double factor) {
    String number = text.strip();
    if (!FLOAT.matcher(number).matches()) {
      throw new IllegalArgumentException(field + " takes a number, not '" + text + "'");
    }
    // inf, infinity and nan end in a letter, every decimal form in a digit or a point.
    double value = Character.isLetter(number.charAt(number.length() - 1)) ? Double.NaN : Double.parseDouble(number) * factor;
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(field + " takes a finite number, not '" + text + "'");
    }
    return value;
  }

  /** {@code X.Y.Z}, each part padded to three digits and the three read as one integer. */
  private static long driverVersion(String value) {
    String[] parts = value.split("\\.", -1);
    if (parts.length != 3) {
      throw fullVersion(value);
    }
    String digits = (zfill(parts[0]) + zfill(parts[1]) + zfill(parts[2])).strip();
    if (!INT.matcher(digits).matches()) {
      throw fullVersion(value);
    }
    BigInteger version = new BigInteger(digits.replace("_", ""));
    if (version.signum() == 0 || version.bitLength() > 63) {
      throw fullVersion(value);
    }
    return version.longValueExact();
  }

  private static IllegalArgumentException fullVersion(String value) {
    return new IllegalArgumentException("driver_version takes a full version X.Y.Z such as 535.86.05, not '" + value + "'");
  }

  /** Python's {@code str.zfill(3)}: zeros after any sign, up to three characters. */
  private static String zfill(String part) {
    if (part.length() >= 3) {
      return part;
    }
    String zeros = "0".repeat(3 - part.length());
    return !part.isEmpty() && (part.charAt(0) == '+' || part.charAt(0) == '-') ? part.charAt(0) + zeros + part.substring(1) : zeros + part;
  }

  /** Python's {@code str.strip(chars)}: every leading and trailing character in {@code chars}. */
  static String trim(String text, String chars) {
    int start = 0;
    int end = text.length();
    while (start < end && chars.indexOf(text.charAt(start)) >= 0) {
      start++;
    }
    while (end > start && chars.indexOf(text.charAt(end - 1)) >= 0) {
      end--;
    }
    return text.substring(start, end);
  }
}
