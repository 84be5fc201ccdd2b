package dev.vastmesh.simulator.faults;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The Vast endpoints with their own rate limit, and the minimum interval between two calls by one
 * key that Vast documents for each (seconds; null where Vast states none).
 */
public enum Endpoint {
  SEARCH(6.0),
  CREATE(4.5),
  LIST(1.0),
  SHOW(2.0),
  DESTROY(3.0),
  MODIFY(1.0),
  REBOOT(1.0),
  PREPAY(2.0),
  DEPOSIT(3.0),
  ACCOUNT(null),
  CHARGES(1.0),
  INVOICES(3.0),
  WEBHOOKS(null),
  OTHER(null);

  private final @Nullable Double threshold;

  Endpoint(@Nullable Double threshold) {
    this.threshold = threshold;
  }

  /** Vast's threshold, in seconds; null when it documents none. */
  public @Nullable Double threshold() {
    return threshold;
  }

  /** The endpoint a call is, by method and path, as Vast's route table groups them. */
  public static Endpoint of(String method, String path) {
    if (path.startsWith("/api/v0/bundles") || path.startsWith("/api/v0/search/asks")) {
      return SEARCH;
    }
    if (path.startsWith("/api/v0/asks/")) {
      return CREATE;
    }
    if (path.startsWith("/api/v1/instances") || path.equals("/api/v0/instances") || path.equals("/api/v0/instances/")) {
      return LIST;
    }
    if (path.startsWith("/api/v0/instances/reboot/")) {
      return REBOOT;
    }
    if (path.startsWith("/api/v0/instances/prepay/")) {
      return PREPAY;
    }
    if (path.startsWith("/api/v0/instances/balance/")) {
      return DEPOSIT;
    }
    if (path.startsWith("/api/v0/instances/")) {
      return switch (method) {
        case "DELETE" -> DESTROY;
        case "PUT" -> MODIFY;
        default -> SHOW;
      };
    }
    if (path.startsWith("/api/v0/charges")) {
      return CHARGES;
    }
    if (path.startsWith("/api/v1/invoices")) {
      return INVOICES;
    }
    if (path.startsWith("/api/v0/users/")) {
      return ACCOUNT;
    }
    if (path.startsWith("/api/v0/webhooks") || path.startsWith("/api/v0/notification-types")) {
      return WEBHOOKS;
    }
    return OTHER;
  }

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Endpoint named(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }
}
