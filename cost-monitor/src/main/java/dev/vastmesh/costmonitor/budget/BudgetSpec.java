package dev.vastmesh.costmonitor.budget;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.vastmesh.events.payload.CostPeriod;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A budget: what it covers, over which period, the limit and what happens past it.
 *
 * @param id stable name (metrics label, event id, API path)
 * @param scope account, environment, trigger or label
 * @param match the environment, trigger id or label selector ({@code key} or {@code key=value});
 *     unused for the account
 * @param period hour, day, week (from Monday) or month, all in UTC; unset with {@code burnRate}
 * @param burnRate the limit is in $/h of the scope's instances now, not spend over a period
 * @param limit dollars over the period, or $/h for a burn rate
 * @param action alert, stop_instances, destroy_instances or dry-run (reports what a destroy would do)
 * @param warnAt the share of the limit that sends a warning
 * @param grace how long spend must stay past the limit before the action
 */
public record BudgetSpec(
    @NotNull @Pattern(regexp = "^[a-z0-9][a-z0-9_-]{0,63}$") String id,
    @NotNull @DefaultValue("account") Scope scope,
    @Nullable String match,
    @Nullable CostPeriod period,
    @DefaultValue("false") boolean burnRate,
    @NotNull @DecimalMin("0") @DecimalMax("100000000") Double limit,
    @NotNull @DefaultValue("alert") Action action,
    @NotNull @DefaultValue("0.8") @DecimalMin("0") @DecimalMax("1") Double warnAt,
    @NotNull @DefaultValue("0s") Duration grace) {

  /** What a budget covers. */
  public enum Scope {
    ACCOUNT, ENVIRONMENT, TRIGGER, LABEL;

    @JsonValue
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Scope of(String value) {
      return valueOf(value.toUpperCase(Locale.ROOT));
    }
  }

  /** What happens once the limit is passed for longer than the grace. */
  public enum Action {
    ALERT("alert"), STOP_INSTANCES("stop_instances"), DESTROY_INSTANCES("destroy_instances"), DRY_RUN("dry-run");

    private final String wire;

    Action(String wire) {
      this.wire = wire;
    }

    @JsonValue
    public String wire() {
      return wire;
    }

    @JsonCreator
    public static Action of(String value) {
      for (Action action : values()) {
        if (action.wire.equals(value) || action.name().equalsIgnoreCase(value.replace('-', '_'))) {
          return action;
        }
      }
      throw new IllegalArgumentException("unknown action " + value);
    }
  }

  @AssertTrue(message = "a budget has either a period or burn-rate: true, not both")
  boolean isPeriodOrBurnRate() {
    return burnRate == (period == null);
  }

  @AssertTrue(message = "environment, trigger and label budgets need a match")
  boolean isMatched() {
    return scope == Scope.ACCOUNT || match != null && !match.isBlank();
  }

  @AssertTrue(message = "grace must not be negative")
  boolean isGraceValid() {
    return !grace.isNegative();
  }

  /** The period its events name: the hour for a burn rate. */
  public CostPeriod eventPeriod() {
    return period == null ? CostPeriod.HOUR : period;
  }
}
