package dev.vastmesh.costmonitor.sampling;

import java.util.Locale;

/**
 * Why a sample was skipped: which answer, and what was wrong with it (bounded, a metric label).
 * {@code message} is safe to log: vastai-client's messages never carry the key.
 */
public record SampleFailure(Source source, Reason reason, String message) {

  /** The call that failed. */
  public enum Source {
    INSTANCES, BALANCE, CHARGES;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What was wrong. */
  public enum Reason {
    TRANSPORT, API, AUTHENTICATION, RATE_LIMITED, MALFORMED, EMPTY;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
