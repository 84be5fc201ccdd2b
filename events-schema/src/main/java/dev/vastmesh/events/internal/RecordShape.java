package dev.vastmesh.events.internal;

import dev.vastmesh.events.Violation;
import dev.vastmesh.events.ViolationKind;
import dev.vastmesh.events.payload.Constraints;
import dev.vastmesh.events.payload.WireEnum;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The JSON shape of a payload record, read once from the record by reflection, and the
 * validator that checks a JSON object against it reporting every violation.
 *
 * <p>Deriving the shape from the records (and the JSON Schema from the shape) keeps the Java
 * types, the validation and the published schema one thing instead of three that drift.
 */
public final class RecordShape {

  private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
    @Override
    protected RecordShape computeValue(Class<?> type) {
      return new RecordShape(type);
    }
  };

  private final Class<?> type;
  private final Map<String, FieldShape> fields;
  private final MethodHandle constructor;

  private RecordShape(Class<?> type) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException(type + " is not a record");
    }
    this.type = type;
    Map<String, FieldShape> byName = new LinkedHashMap<>();
    for (RecordComponent component : type.getRecordComponents()) {
      FieldShape field = fieldOf(component);
      byName.put(field.jsonName(), field);
    }
    this.fields = java.util.Collections.unmodifiableMap(byName);
    Class<?>[] parameterTypes = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
    try {
      this.constructor = MethodHandles.publicLookup().unreflectConstructor(type.getDeclaredConstructor(parameterTypes))
          .asSpreader(Object[].class, parameterTypes.length);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("payload record " + type + " needs a public canonical constructor", e);
    }
  }

  /**
   * Builds the record from a JSON object that {@link #validate} accepted.
   *
   * <p>Binding from our own shapes instead of Jackson's data binding is several times faster
   * (this is on every consumer's hot path) and cannot disagree with the validator about names.
   */
  public Object bind(JsonNode node) {
    Object[] arguments = new Object[fields.size()];
    int i = 0;
    for (FieldShape field : fields.values()) {
      JsonNode value = node.get(field.jsonName());
      arguments[i++] = value == null || value.isNull() ? null : convert(field.value(), value);
    }
    try {
      return constructor.invoke(arguments);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("cannot construct " + type.getSimpleName(), e);
    }
  }

  private static Object convert(ValueShape shape, JsonNode value) {
    return switch (shape) {
      case ValueShape.Text text -> value.stringValue();
      case ValueShape.WholeNumber range -> range.highest() == Integer.MAX_VALUE ? (Object) value.intValue() : (Object) value.longValue();
      case ValueShape.Decimal decimal -> decimal.exact() ? value.decimalValue() : (Object) value.doubleValue();
      case ValueShape.Bool bool -> value.booleanValue();
      case ValueShape.Timestamp timestamp -> ((Rfc3339.Utc) Rfc3339.parse(value.stringValue())).instant();
      case ValueShape.Choice choice -> choice.constants().get(value.stringValue());
      case ValueShape.ListOf list -> {
        List<Object> elements = new ArrayList<>(value.size());
        for (JsonNode element : value) {
          elements.add(convert(list.element(), element));
        }
        yield elements;
      }
      case ValueShape.MapOf map -> {
        Map<String, Object> entries = new LinkedHashMap<>();
        for (var entry : value.properties()) {
          entries.put(entry.getKey(), convert(map.value(), entry.getValue()));
        }
        yield entries;
      }
      case ValueShape.Nested nested -> nested.shape().bind(value);
    };
  }

  public static RecordShape of(Class<?> recordType) {
    return SHAPES.get(recordType);
  }

  public Class<?> type() {
    return type;
  }

  /** The fields in declaration order, which is also the order they are written in. */
  public Iterable<FieldShape> fields() {
    return fields.values();
  }

  /** Checks {@code node} (which must be an object) and appends every violation to {@code out}. */
  public void validate(JsonNode node, String pointer, List<Violation> out) {
    validate(node, new At(null, pointer, -1), out);
  }

  private void validate(JsonNode node, At at, List<Violation> out) {
    for (String name : node.propertyNames()) {
      if (!fields.containsKey(name)) {
        out.add(new Violation(ViolationKind.UNKNOWN_FIELD, at.member(name).pointer(),
            "field '" + Text.clip(name) + "' is not defined for " + type.getSimpleName()));
      }
    }
    for (FieldShape field : fields.values()) {
      JsonNode value = node.get(field.jsonName());
      if (value == null || value.isNull()) {
        if (field.required()) {
          out.add(new Violation(ViolationKind.MISSING_FIELD, at.member(field.jsonName()).pointer(),
              "field '" + field.jsonName() + "' is required"));
        }
        continue;
      }
      validateValue(field, field.value(), value, at.member(field.jsonName()), out);
    }
  }

  private static void validateValue(FieldShape field, ValueShape shape, JsonNode value, At at, List<Violation> out) {
    switch (shape) {
      case ValueShape.Text text -> {
        if (!value.isString()) {
          out.add(wrongType(at, "a string"));
          return;
        }
        String s = value.stringValue();
        if (s.isEmpty()) {
          out.add(invalid(at, "must not be empty"));
        } else if (field.maxLength() != null && s.length() > field.maxLength()) {
          out.add(invalid(at, "must be at most " + field.maxLength() + " characters"));
        } else if (field.pattern() != null && !field.pattern().matcher(s).find()) {
          out.add(invalid(at, "must match " + field.pattern().pattern()));
        }
      }
      case ValueShape.WholeNumber range -> {
        if (!value.isIntegralNumber() || !value.canConvertToLong()
            || value.longValue() < range.lowest() || value.longValue() > range.highest()) {
          out.add(wrongType(at, "an integer between " + range.lowest() + " and " + range.highest()));
          return;
        }
        checkMinimum(field, value, at, out);
      }
      case ValueShape.Decimal decimal -> {
        if (!value.isNumber()) {
          out.add(wrongType(at, "a number"));
          return;
        }
        checkMinimum(field, value, at, out);
      }
      case ValueShape.Bool bool -> {
        if (!value.isBoolean()) {
          out.add(wrongType(at, "true or false"));
        }
      }
      case ValueShape.Timestamp timestamp -> {
        if (!value.isString()) {
          out.add(wrongType(at, "an RFC 3339 timestamp string"));
          return;
        }
        switch (Rfc3339.parse(value.stringValue())) {
          case Rfc3339.Utc utc -> { }
          case Rfc3339.NotUtc notUtc -> out.add(new Violation(ViolationKind.NON_UTC_TIME, at.pointer(),
              "must be in UTC (Z), not at offset " + notUtc.offset()));
          case Rfc3339.Invalid invalid -> out.add(new Violation(ViolationKind.INVALID_TIME, at.pointer(),
              "must be an RFC 3339 timestamp such as 2026-01-04T12:00:00Z"));
        }
      }
      case ValueShape.Choice choice -> {
        if (!value.isString()) {
          out.add(wrongType(at, "one of " + choice.values()));
        } else if (!choice.values().contains(value.stringValue())) {
          out.add(invalid(at, "must be one of " + choice.values()));
        }
      }
      case ValueShape.ListOf list -> {
        if (!value.isArray()) {
          out.add(wrongType(at, "an array"));
          return;
        }
        for (int i = 0; i < value.size(); i++) {
          JsonNode element = value.get(i);
          if (element.isNull()) {
            out.add(wrongType(at.element(i), "a value, not null"));
          } else {
            validateValue(field, list.element(), element, at.element(i), out);
          }
        }
      }
      case ValueShape.MapOf map -> {
        if (!value.isObject()) {
          out.add(wrongType(at, "an object"));
          return;
        }
        for (var entry : value.properties()) {
          At entryAt = at.member(entry.getKey());
          if (entry.getValue().isNull()) {
            out.add(wrongType(entryAt, "a value, not null"));
          } else {
            validateValue(field, map.value(), entry.getValue(), entryAt, out);
          }
        }
      }
      case ValueShape.Nested nested -> {
        if (!value.isObject()) {
          out.add(wrongType(at, "an object"));
          return;
        }
        nested.shape().validate(value, at, out);
      }
    }
  }

  /** Only fields with a minimum convert their value to a BigDecimal: most have none. */
  private static void checkMinimum(FieldShape field, JsonNode value, At at, List<Violation> out) {
    if (field.minimum() != null && value.decimalValue().compareTo(field.minimum()) < 0) {
      out.add(invalid(at, "must be at least " + field.minimum()));
    }
  }

  /**
   * Where a value sits: a chain of member names and array indexes whose JSON Pointer is written
   * only when a violation needs it. A valid payload, the common case, then builds no pointer
   * strings (one concatenation per field, element and map entry before).
   *
   * @param name a member name, or null for the array element at {@code index} (or for the root,
   *     whose pointer {@code name} is when {@code parent} is null)
   */
  private record At(@Nullable At parent, @Nullable String name, int index) {

    At member(String member) {
      return new At(this, member, -1);
    }

    At element(int i) {
      return new At(this, null, i);
    }

    String pointer() {
      if (parent == null) {
        return name == null ? "" : name;
      }
      String token = name == null ? Integer.toString(index) : JsonNames.pointerToken(name);
      return parent.pointer() + "/" + token;
    }
  }

  private static Violation wrongType(At at, String expected) {
    return new Violation(ViolationKind.WRONG_FIELD_TYPE, at.pointer(), "must be " + expected);
  }

  private static Violation invalid(At at, String why) {
    return new Violation(ViolationKind.INVALID_FIELD_VALUE, at.pointer(), why);
  }

  private static FieldShape fieldOf(RecordComponent component) {
    boolean nullable = Arrays.stream(component.getAnnotatedType().getAnnotations())
        .anyMatch(a -> a.annotationType().getName().equals("org.jspecify.annotations.Nullable"));
    Constraints.Min min = component.getAnnotation(Constraints.Min.class);
    Constraints.Pattern pattern = component.getAnnotation(Constraints.Pattern.class);
    Constraints.MaxLength maxLength = component.getAnnotation(Constraints.MaxLength.class);
    return new FieldShape(
        component.getName(),
        JsonNames.snakeCase(component.getName()),
        shapeOf(component.getGenericType(), component),
        !nullable,
        min == null ? null : BigDecimal.valueOf(min.value()),
        pattern == null ? null : Pattern.compile(pattern.value()),
        maxLength == null ? null : maxLength.value());
  }

  private static ValueShape shapeOf(Type type, RecordComponent where) {
    if (type instanceof ParameterizedType parameterized) {
      Type raw = parameterized.getRawType();
      Type[] args = parameterized.getActualTypeArguments();
      if (raw == List.class) {
        return new ValueShape.ListOf(shapeOf(args[0], where));
      }
      if (raw == Map.class && args[0] == String.class) {
        return new ValueShape.MapOf(shapeOf(args[1], where));
      }
    } else if (type instanceof Class<?> c) {
      if (c == String.class) {
        return new ValueShape.Text();
      }
      if (c == long.class || c == Long.class) {
        return new ValueShape.WholeNumber(Long.MIN_VALUE, Long.MAX_VALUE);
      }
      if (c == int.class || c == Integer.class) {
        return new ValueShape.WholeNumber(Integer.MIN_VALUE, Integer.MAX_VALUE);
      }
      if (c == double.class || c == Double.class || c == BigDecimal.class) {
        return new ValueShape.Decimal(c == BigDecimal.class);
      }
      if (c == boolean.class || c == Boolean.class) {
        return new ValueShape.Bool();
      }
      if (c == Instant.class) {
        return new ValueShape.Timestamp();
      }
      if (c.isEnum() && WireEnum.class.isAssignableFrom(c)) {
        Map<String, Object> constants = new LinkedHashMap<>();
        for (Object constant : c.getEnumConstants()) {
          constants.put(((WireEnum) constant).wire(), constant);
        }
        return new ValueShape.Choice(List.copyOf(constants.keySet()), java.util.Collections.unmodifiableMap(constants));
      }
      if (c.isRecord()) {
        return new ValueShape.Nested(RecordShape.of(c));
      }
    }
    throw new IllegalStateException("payload component " + where + " has a type the event schema cannot express: " + type);
  }

  /** Keeps echoed input short in messages. */
  static final class Text {
    private Text() {
    }

    static String clip(String s) {
      String printable = s.replaceAll("\\p{Cntrl}", "?");
      return printable.length() <= 64 ? printable : printable.substring(0, 64) + "...";
    }
  }

  @Override
  public String toString() {
    return "RecordShape[" + type.getSimpleName() + "]";
  }
}
