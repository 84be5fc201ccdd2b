package dev.vastmesh.registry.api;

import dev.vastmesh.support.problem.Problem;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code wait} of a watch, in Consul's spelling: {@code 30s}, {@code 5m}, {@code 500ms}, or plain seconds. */
final class WaitDuration {

  private static final Pattern SHAPE = Pattern.compile("^(\\d{1,9})(ms|s|m|h)?$");

  private WaitDuration() {
  }

  static Duration parse(String text, Duration max) {
    Matcher matcher = SHAPE.matcher(text.trim());
    if (!matcher.matches()) {
      throw Problem.invalidParameter("wait", "must be a duration such as 30s, 5m or 500ms");
    }
    long amount = Long.parseLong(matcher.group(1));
    String unit = matcher.group(2) == null ? "s" : matcher.group(2);
    Duration wait = switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofSeconds(amount);
    };
    return wait.compareTo(max) > 0 ? max : wait;
  }
}
