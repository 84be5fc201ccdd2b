package dev.vastmesh.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.vastmesh.events.internal.SchemaGenerator;
import dev.vastmesh.events.testing.EventFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped JSON Schema, checked by an independent draft 2020-12 validator against the golden
 * fixtures, and against the records it is generated from.
 */
class EventSchemaTests {

  private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
      .getSchema(EventSchema.json(), InputFormat.JSON);

  @Test
  void shippedSchemaIsTheOneGeneratedFromTheRecords() throws IOException {
    String generated = SchemaGenerator.generate();
    if (Boolean.getBoolean("vastmesh.schema.write")) {
      Files.writeString(Path.of("src/main/resources", EventSchema.RESOURCE), generated);
    }
    assertThat(EventSchema.json())
        .as("the schema file is stale: regenerate it (see SchemaGenerator) and commit it")
        .isEqualTo(generated);
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void everyFixtureValidatesAgainstTheSchema(EventType type) {
    String fixture = new String(EventFixtures.bytes(type), StandardCharsets.UTF_8);

    List<Error> errors = SCHEMA.validate(fixture, InputFormat.JSON);

    assertThat(errors).isEmpty();
  }

  /** Broken events that both the schema and the codec must reject: they agree on validity. */
  static Stream<Arguments> brokenEvents() {
    String ready = new String(EventFixtures.bytes(EventType.INSTANCE_READY), StandardCharsets.UTF_8);
    String registered = new String(EventFixtures.bytes(EventType.MESH_REGISTERED), StandardCharsets.UTF_8);
    String budget = new String(EventFixtures.bytes(EventType.COST_BUDGET_EXCEEDED), StandardCharsets.UTF_8);
    return Stream.of(
        Arguments.of("payload field missing", ready.replace("\"instance_id\":29484611,", "")),
        Arguments.of("payload field of wrong type", ready.replace("\"instance_id\":29484611", "\"instance_id\":\"29484611\"")),
        Arguments.of("payload field below minimum", ready.replace("\"instance_id\":29484611", "\"instance_id\":0")),
        Arguments.of("unknown payload field", ready.replace("\"gpu_name\"", "\"gpu_model\":\"x\",\"gpu_name\"")),
        Arguments.of("unknown attribute", ready.replace("\"specversion\"", "\"foo\":\"bar\",\"specversion\"")),
        Arguments.of("unknown type", ready.replace("vastai.instance.ready", "vastai.instance.rebooted")),
        Arguments.of("wrong specversion", ready.replace("\"1.0\"", "\"0.3\"")),
        Arguments.of("non-UTC time", ready.replace("2026-01-04T12:00:00Z", "2026-01-04T13:00:00+01:00")),
        Arguments.of("data of another type", ready.replace("vastai.instance.ready", "vastai.cost.sampled")),
        Arguments.of("enum value unknown", budget.replace("stop_instances", "panic")),
        Arguments.of("bad currency", budget.replace("\"USD\"", "\"usd\"")),
        Arguments.of("non-UTC payload time", registered.replace("2026-01-04T12:05:00Z", "2026-01-04T12:05:00-05:00")),
        Arguments.of("list element of wrong type", registered.replace("\"inference\"", "7")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenEvents")
  void schemaAndCodecBothRejectBrokenEvents(String why, String json) {
    assertThat(SCHEMA.validate(json, InputFormat.JSON)).as("schema errors").isNotEmpty();
    assertThat(EventCodec.standard().validate(json.getBytes(StandardCharsets.UTF_8))).as("codec violations").isNotEmpty();
  }
}
