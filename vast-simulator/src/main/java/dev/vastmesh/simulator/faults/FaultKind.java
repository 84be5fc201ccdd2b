package dev.vastmesh.simulator.faults;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What can go wrong, each one a thing real Vast users have hit. */
public enum FaultKind {
  /** Create answers 410: the offer was taken between search and create. */
  OFFER_TAKEN,
  /** The instance stays in {@code loading} with a status message that never changes. */
  STUCK_LOADING,
  /** The container dies as soon as it runs: {@code exited}. */
  CRASH,
  /** An interruptible instance loses its bid once it runs: stopped, with Vast's outbid triple. */
  OUTBID,
  /** A bid is rented on-demand anyway, and the create answer does not say so (as on Vast). */
  ON_DEMAND_INSTEAD_OF_BID,
  /** The call answers {@code status} (default 502) with Vast's gateway error page. */
  SERVER_ERROR,
  /** The call answers 200 with an empty body. */
  EMPTY_BODY,
  /** The call answers 200 with an HTML page instead of JSON. */
  NOT_JSON,
  /** The call answers after {@code delay}. */
  SLOW;

  /** Whether it acts on an HTTP call rather than on an instance or an offer. */
  public boolean onCall() {
    return switch (this) {
      case SERVER_ERROR, EMPTY_BODY, NOT_JSON, SLOW -> true;
      default -> false;
    };
  }

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static FaultKind of(String value) {
    return valueOf(value.trim().replace('-', '_').toUpperCase(Locale.ROOT));
  }
}
