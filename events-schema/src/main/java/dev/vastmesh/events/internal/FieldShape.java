package dev.vastmesh.events.internal;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One payload field: its JSON name, shape, whether it is required, and value constraints.
 *
 * @param component the record component's Java name, used to bind the value
 */
public record FieldShape(
    String component,
    String jsonName,
    ValueShape value,
    boolean required,
    @Nullable BigDecimal minimum,
    @Nullable Pattern pattern,
    @Nullable Integer maxLength) {
}
