package dev.vastmesh.events;

/** The classes of invalid input; each maps to one distinct, documented error. */
public enum ViolationKind {
  /** The input is not JSON, or not a JSON object. */
  MALFORMED_JSON,
  /** A required context attribute is absent (or null). */
  MISSING_ATTRIBUTE,
  /** A context attribute has the wrong JSON type or an unusable value. */
  MALFORMED_ATTRIBUTE,
  /** A top-level member that is neither a CloudEvents attribute nor one of our extensions. */
  UNKNOWN_ATTRIBUTE,
  /** {@code specversion} is not {@code 1.0}. */
  UNSUPPORTED_SPECVERSION,
  /** {@code type} is not one of the canonical vastai.* types. */
  UNKNOWN_TYPE,
  /** A timestamp carries an offset other than UTC. */
  NON_UTC_TIME,
  /** A timestamp is not RFC 3339. */
  INVALID_TIME,
  /** A required payload field is absent (or null). */
  MISSING_FIELD,
  /** A payload field has the wrong JSON type for its event type. */
  WRONG_FIELD_TYPE,
  /** A payload field has the right type but a value outside its constraints. */
  INVALID_FIELD_VALUE,
  /** A payload field that the event type does not define. */
  UNKNOWN_FIELD
}
