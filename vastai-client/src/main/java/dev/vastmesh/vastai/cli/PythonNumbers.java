package dev.vastmesh.vastai.cli;

import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Numbers as Vast's CLI reads its options (Python's {@code float()} and {@code int()}): spaces
 * around allowed, single underscores between digits, decimal only; not Java's {@code 1d},
 * {@code 0x1p3} or {@code 0x10}.
 */
final class PythonNumbers {

  private static final String DIGITS = "\\d(_?\\d)*";
  private static final Pattern FLOAT = Pattern.compile("[+-]?((" + DIGITS + ")?\\.?" + DIGITS + "|" + DIGITS + "\\.)([eE][+-]?" + DIGITS + ")?"
      + "|[+-]?(?i:inf|infinity|nan)");
  private static final Pattern INT = Pattern.compile("[+-]?" + DIGITS);

  private PythonNumbers() {
  }

  static final class Float implements CommandLine.ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      String text = value.strip();
      if (!FLOAT.matcher(text).matches()) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a number");
      }
      // inf, infinity and nan end in a letter, every decimal form in a digit or a point.
      return Character.isLetter(text.charAt(text.length() - 1)) ? Double.NaN : Double.parseDouble(text.replace("_", ""));
    }
  }

  static final class Int implements CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      String text = value.strip();
      if (!INT.matcher(text).matches()) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a whole number");
      }
      try {
        return Integer.parseInt(text.replace("_", ""));
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is too large");
      }
    }
  }
}
