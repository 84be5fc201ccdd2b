package dev.vastmesh.events.internal;

import java.util.List;
import java.util.Map;

/** The JSON shape of one payload value, derived from its Java type. */
public sealed interface ValueShape {

  /** A non-empty JSON string. */
  record Text() implements ValueShape {
  }

  /** A JSON integer within {@code [lowest, highest]} (the Java type's range). */
  record WholeNumber(long lowest, long highest) implements ValueShape {
  }

  /** Any JSON number: {@code exact} ones (money) bind to BigDecimal, others to double. */
  record Decimal(boolean exact) implements ValueShape {
  }

  /** {@code true} or {@code false}. */
  record Bool() implements ValueShape {
  }

  /** An RFC 3339 UTC timestamp string. */
  record Timestamp() implements ValueShape {
  }

  /** One of a fixed set of strings: a Java enum's wire values, mapped to its constants. */
  record Choice(List<String> values, Map<String, Object> constants) implements ValueShape {
  }

  /** A JSON array whose elements all have {@code element}'s shape. */
  record ListOf(ValueShape element) implements ValueShape {
  }

  /** A JSON object with arbitrary keys whose values all have {@code value}'s shape. */
  record MapOf(ValueShape value) implements ValueShape {
  }

  /** A JSON object with the fields of a record. */
  record Nested(RecordShape shape) implements ValueShape {
  }
}
