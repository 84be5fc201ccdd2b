package dev.vastmesh.events.payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Value constraints on payload components. They are read by the validator and by the JSON
 * Schema generator alike, so the two can never disagree about what a valid payload is.
 */
public final class Constraints {

  /** ISO 4217 alphabetic currency codes, e.g. {@code USD}. */
  public static final String CURRENCY = "^[A-Z]{3}$";

  private Constraints() {
  }

  /** The number must be at least {@code value}. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.RECORD_COMPONENT)
  public @interface Min {
    long value();
  }

  /** The string must match the regular expression (a find anywhere unless anchored). */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.RECORD_COMPONENT)
  public @interface Pattern {
    String value();
  }

  /** The string may hold at most {@code value} characters. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.RECORD_COMPONENT)
  public @interface MaxLength {
    int value();
  }
}
