package dev.vastmesh.events.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Jackson 3 configuration of the event wire format. Every setting that decides bytes on the
 * wire is set here explicitly rather than inherited from Jackson's defaults (which changed
 * between Jackson 2 and 3); the golden fixtures pin the result.
 */
public final class EventJson {

  private EventJson() {
  }

  public static JsonMapper mapper() {
    return JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        // Records are written in declaration order: the order a reader of the record expects.
        .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        // Absent optional fields are omitted rather than written as null.
        .changeDefaultPropertyInclusion(v -> JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
        .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DateTimeFeature.WRITE_DATES_WITH_ZONE_ID)
        // Money: read decimals exactly, keep their scale, write them without exponent.
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
        // A signed or idempotent message must mean one thing: duplicate keys and trailing
        // content are errors, not "last one wins".
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        // The validator already rejects unknown fields with a precise message; this is the backstop.
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .build();
  }
}
