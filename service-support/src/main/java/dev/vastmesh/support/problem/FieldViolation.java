package dev.vastmesh.support.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One invalid value of a validation problem, the shape of RFC 9457's {@code errors} example:
 * where it is — {@code pointer}, an RFC 6901 JSON pointer into the request body ({@code ""} for
 * the body as a whole), or {@code parameter}, a query or path parameter — and what is wrong with
 * it; {@code kind} classifies it where the validator does (the events schema's violation kinds).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldViolation(@Nullable String pointer, @Nullable String parameter, String detail, @Nullable String kind) {

  /** A value in the body, by its JSON pointer. */
  public static FieldViolation at(String pointer, String detail) {
    return new FieldViolation(pointer, null, detail, null);
  }

  /** A query or path parameter, by its name as the API spells it. */
  public static FieldViolation parameter(String name, String detail) {
    return new FieldViolation(null, name, detail, null);
  }

  /** A value in the body with the validator's kind. */
  public static FieldViolation at(String pointer, String detail, String kind) {
    return new FieldViolation(pointer, null, detail, kind);
  }

  /** The JSON pointer of a dotted property path ({@code labels.gpu} → {@code /labels/gpu}). */
  public static String pointerOf(String dottedPath) {
    return dottedPath.isEmpty() ? "" : pointerOf(List.of(dottedPath.split("\\.", -1)));
  }

  /** The JSON pointer of a path's tokens (property names, array indexes), escaped per RFC 6901. */
  public static String pointerOf(List<String> tokens) {
    StringBuilder pointer = new StringBuilder();
    tokens.forEach(token -> pointer.append('/').append(token.replace("~", "~0").replace("/", "~1")));
    return pointer.toString();
  }
}
