package dev.vastmesh.costmonitor.budget;

import dev.vastmesh.costmonitor.accounting.TrackedInstance;
import java.util.Objects;
import java.util.function.Predicate;

/** Which tracked instances a budget covers, and which no action may touch. */
public final class Scopes {

  private Scopes() {
  }

  public static Predicate<TrackedInstance> of(BudgetSpec budget) {
    String match = budget.match() == null ? "" : budget.match().strip();
    return switch (budget.scope()) {
      case ACCOUNT -> instance -> true;
      case ENVIRONMENT -> instance -> match.equals(instance.environment());
      case TRIGGER -> instance -> match.equals(instance.triggerId());
      case LABEL -> label(match);
    };
  }

  /** {@code key} (present) or {@code key=value}, over the registry labels. */
  static Predicate<TrackedInstance> label(String selector) {
    int eq = selector.indexOf('=');
    if (eq < 0) {
      return instance -> instance.labels().containsKey(selector);
    }
    String key = selector.substring(0, eq).strip();
    String value = selector.substring(eq + 1).strip();
    return instance -> Objects.equals(instance.labels().get(key), value);
  }

  /** Protected: the registry labels carry the protection key (not "false"), or the Vast label names it. */
  public static boolean isProtected(TrackedInstance instance, String protectionLabel) {
    String value = instance.labels().get(protectionLabel);
    if (value != null && !value.equalsIgnoreCase("false")) {
      return true;
    }
    return instance.vastLabel() != null && instance.vastLabel().contains(protectionLabel);
  }
}
