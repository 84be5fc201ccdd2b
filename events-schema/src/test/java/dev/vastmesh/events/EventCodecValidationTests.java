package dev.vastmesh.events;

import static dev.vastmesh.events.ViolationKind.INVALID_FIELD_VALUE;
import static dev.vastmesh.events.ViolationKind.INVALID_TIME;
import static dev.vastmesh.events.ViolationKind.MALFORMED_ATTRIBUTE;
import static dev.vastmesh.events.ViolationKind.MALFORMED_JSON;
import static dev.vastmesh.events.ViolationKind.MISSING_ATTRIBUTE;
import static dev.vastmesh.events.ViolationKind.MISSING_FIELD;
import static dev.vastmesh.events.ViolationKind.NON_UTC_TIME;
import static dev.vastmesh.events.ViolationKind.UNKNOWN_ATTRIBUTE;
import static dev.vastmesh.events.ViolationKind.UNKNOWN_FIELD;
import static dev.vastmesh.events.ViolationKind.UNKNOWN_TYPE;
import static dev.vastmesh.events.ViolationKind.UNSUPPORTED_SPECVERSION;
import static dev.vastmesh.events.ViolationKind.WRONG_FIELD_TYPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.vastmesh.events.testing.EventFixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every class of invalid input, each with the exact violations it must produce. */
class EventCodecValidationTests {

  private static final String READY = text(EventType.INSTANCE_READY);
  private static final String CREATED = text(EventType.INSTANCE_CREATED);
  private static final String REGISTERED = text(EventType.MESH_REGISTERED);
  private static final String FAILED = text(EventType.INSTANCE_FAILED);

  private final EventCodec codec = EventCodec.standard();

  static Stream<Arguments> invalidEvents() {
    return Stream.of(
        row("not JSON", "{\"id\": ", v(MALFORMED_JSON, "")),
        row("JSON but not an object", "[1,2]", v(MALFORMED_JSON, "")),
        row("trailing garbage", READY + "{}", v(MALFORMED_JSON, "")),
        row("duplicate member", READY.replace("\"id\":", "\"id\":\"x\",\"id\":"), v(MALFORMED_JSON, "")),
        row("specversion missing", cut(READY, "\"specversion\":\"1.0\","), v(MISSING_ATTRIBUTE, "/specversion")),
        row("specversion 0.3", READY.replace("\"specversion\":\"1.0\"", "\"specversion\":\"0.3\""),
            v(UNSUPPORTED_SPECVERSION, "/specversion")),
        row("specversion a number", READY.replace("\"specversion\":\"1.0\"", "\"specversion\":1.0"),
            v(MALFORMED_ATTRIBUTE, "/specversion")),
        row("id missing", READY.replace("\"id\":\"01942c8a-5000-7000-8000-000000000003\",", ""),
            v(MISSING_ATTRIBUTE, "/id")),
        row("id empty", READY.replace("01942c8a-5000-7000-8000-000000000003", ""), v(MALFORMED_ATTRIBUTE, "/id")),
        row("id null", READY.replace("\"01942c8a-5000-7000-8000-000000000003\"", "null"), v(MISSING_ATTRIBUTE, "/id")),
        row("source not a URI reference", READY.replace("/vastmesh/samples", "has spaces and %zz"),
            v(MALFORMED_ATTRIBUTE, "/source")),
        row("type missing", cut(READY, "\"type\":\"vastai.instance.ready\","), v(MISSING_ATTRIBUTE, "/type")),
        row("type unknown", READY.replace("vastai.instance.ready", "vastai.instance.exploded"), v(UNKNOWN_TYPE, "/type")),
        row("type of another family casing", READY.replace("vastai.instance.ready", "VASTAI.INSTANCE.READY"),
            v(UNKNOWN_TYPE, "/type")),
        row("time missing", cut(READY, "\"time\":\"2026-01-04T12:00:00Z\","), v(MISSING_ATTRIBUTE, "/time")),
        row("time with +01:00", READY.replace("2026-01-04T12:00:00Z", "2026-01-04T13:00:00+01:00"),
            v(NON_UTC_TIME, "/time")),
        row("time with -00:00 (unknown offset)", READY.replace("2026-01-04T12:00:00Z", "2026-01-04T12:00:00-00:00"),
            v(NON_UTC_TIME, "/time")),
        row("time without zone", READY.replace("2026-01-04T12:00:00Z", "2026-01-04T12:00:00"), v(INVALID_TIME, "/time")),
        row("time without seconds", READY.replace("2026-01-04T12:00:00Z", "2026-01-04T12:00Z"), v(INVALID_TIME, "/time")),
        row("time impossible date", READY.replace("2026-01-04T12:00:00Z", "2026-02-30T12:00:00Z"), v(INVALID_TIME, "/time")),
        row("time as epoch number", READY.replace("\"2026-01-04T12:00:00Z\"", "1767528000"), v(MALFORMED_ATTRIBUTE, "/time")),
        row("datacontenttype xml", READY.replace("\"application/json\"", "\"application/xml\""),
            v(MALFORMED_ATTRIBUTE, "/datacontenttype")),
        row("datacontenttype missing", cut(READY, "\"datacontenttype\":\"application/json\","),
            v(MISSING_ATTRIBUTE, "/datacontenttype")),
        row("extension not a string", READY.replace("\"gitlab-pipeline-123\"", "123"), v(MALFORMED_ATTRIBUTE, "/triggerid")),
        row("unknown attribute", READY.replace("\"specversion\"", "\"traceparent\":\"00-ab\",\"specversion\""),
            v(UNKNOWN_ATTRIBUTE, "/traceparent")),
        row("binary data instead of JSON", READY.replaceAll("\"data\":\\{.*}}$", "\"data_base64\":\"AAEC\"}"),
            v(UNKNOWN_ATTRIBUTE, "/data_base64"), v(MISSING_ATTRIBUTE, "/data")),
        row("data missing", READY.replaceAll(",\"data\":\\{.*}}$", "}"), v(MISSING_ATTRIBUTE, "/data")),
        row("data a string", READY.replaceAll("\"data\":\\{.*}}$", "\"data\":\"hello\"}"), v(MALFORMED_ATTRIBUTE, "/data")),
        row("payload field missing", READY.replace("\"instance_id\":29484611,", ""), v(MISSING_FIELD, "/data/instance_id")),
        row("payload integer as string", READY.replace("\"instance_id\":29484611", "\"instance_id\":\"29484611\""),
            v(WRONG_FIELD_TYPE, "/data/instance_id")),
        row("payload integer with fraction", READY.replace("\"instance_id\":29484611", "\"instance_id\":29484611.5"),
            v(WRONG_FIELD_TYPE, "/data/instance_id")),
        row("payload integer out of int range", CREATED.replace("\"num_gpus\":1", "\"num_gpus\":4294967296"),
            v(WRONG_FIELD_TYPE, "/data/num_gpus")),
        row("payload below minimum", READY.replace("\"instance_id\":29484611", "\"instance_id\":-4"),
            v(INVALID_FIELD_VALUE, "/data/instance_id")),
        row("payload negative money", CREATED.replace("\"cost_per_hour\":0.34", "\"cost_per_hour\":-0.34"),
            v(INVALID_FIELD_VALUE, "/data/cost_per_hour")),
        row("payload bad currency", CREATED.replace("\"USD\"", "\"dollars\""), v(INVALID_FIELD_VALUE, "/data/currency")),
        row("payload unknown enum value", CREATED.replace("\"on-demand\"", "\"spot\""), v(INVALID_FIELD_VALUE, "/data/offer_type")),
        row("payload empty string", CREATED.replace("\"RTX 4090\"", "\"\""), v(INVALID_FIELD_VALUE, "/data/gpu_name")),
        row("payload unknown field", READY.replace("\"gpu_name\"", "\"gpu_model\":\"A100\",\"gpu_name\""),
            v(UNKNOWN_FIELD, "/data/gpu_model")),
        row("payload nested field missing", FAILED.replace("\"code\":\"model_load_failed\",", ""),
            v(MISSING_FIELD, "/data/error/code")),
        row("payload list element wrong", REGISTERED.replace("[\"inference\",\"embeddings\"]", "[\"inference\",3]"),
            v(WRONG_FIELD_TYPE, "/data/capabilities/1")),
        row("payload map value wrong", REGISTERED.replace("\"team\":\"search\"", "\"team\":false"),
            v(WRONG_FIELD_TYPE, "/data/labels/team")),
        row("payload map key needing escapes (RFC 6901)", REGISTERED.replace("\"team\":\"search\"", "\"team/a~b\":7"),
            v(WRONG_FIELD_TYPE, "/data/labels/team~1a~0b")),
        row("payload unknown field needing escapes", READY.replace("\"gpu_name\"", "\"gpu/model~x\":1,\"gpu_name\""),
            v(UNKNOWN_FIELD, "/data/gpu~1model~0x")),
        row("payload time not UTC", REGISTERED.replace("2026-01-04T12:05:00Z", "2026-01-04T12:05:00+02:00"),
            v(NON_UTC_TIME, "/data/expires_at")),
        row("payload time unparsable", REGISTERED.replace("2026-01-04T12:05:00Z", "next tuesday"),
            v(INVALID_TIME, "/data/expires_at")),
        row("payload of another type", READY.replace("vastai.instance.ready", "vastai.mesh.unregistered"),
            v(MISSING_FIELD, "/data/reason"), v(UNKNOWN_FIELD, "/data/contract_id"), v(UNKNOWN_FIELD, "/data/worker_url"),
            v(UNKNOWN_FIELD, "/data/gpu_name"), v(UNKNOWN_FIELD, "/data/load_time_seconds")),
        row("several problems at once", READY
                .replace("\"specversion\":\"1.0\"", "\"specversion\":\"2.0\"")
                .replace("2026-01-04T12:00:00Z", "2026-01-04T12:00:00+05:30")
                .replace("\"instance_id\":29484611", "\"instance_id\":true"),
            v(UNSUPPORTED_SPECVERSION, "/specversion"), v(NON_UTC_TIME, "/time"), v(WRONG_FIELD_TYPE, "/data/instance_id")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidEvents")
  void invalidEventsReportExactlyTheirViolations(String name, String json, List<Tuple> expected) {
    List<Violation> violations = codec.validate(json.getBytes(StandardCharsets.UTF_8));

    assertThat(violations).extracting(Violation::kind, Violation::pointer)
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(violations).allSatisfy(v -> assertThat(v.message()).isNotBlank());
  }

  @Test
  void parseThrowsWithEveryViolation() {
    String json = READY.replace("\"specversion\":\"1.0\"", "\"specversion\":\"2.0\"")
        .replace("\"instance_id\":29484611", "\"instance_id\":true");

    assertThatThrownBy(() -> codec.parse(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(EventValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::kind).containsExactlyInAnyOrder(UNSUPPORTED_SPECVERSION, WRONG_FIELD_TYPE))
        .hasMessageContaining("2 violations").hasMessageContaining("/data/instance_id");
  }

  @Test
  void messagesNameTheFieldAndDoNotEchoLongInput() {
    String huge = "x".repeat(10_000);
    String json = READY.replace("\"gpu_name\"", "\"" + huge + "\":1,\"gpu_name\"");

    List<Violation> violations = codec.validate(json.getBytes(StandardCharsets.UTF_8));

    assertThat(violations).singleElement().satisfies(v -> {
      assertThat(v.kind()).isEqualTo(UNKNOWN_FIELD);
      assertThat(v.message()).hasSizeLessThan(200);
    });
  }

  @Test
  void nullForAnOptionalFieldIsAcceptedAndOmittedWhenWritten() {
    String json = READY.replace("\"gpu_name\":\"RTX 4090\"", "\"gpu_name\":null");

    EventEnvelope event = codec.parse(json.getBytes(StandardCharsets.UTF_8));

    assertThat(event.dataAs(dev.vastmesh.events.payload.InstanceReady.class).gpuName()).isNull();
    assertThat(codec.serializeToString(event)).doesNotContain("gpu_name");
  }

  @Test
  void plusZeroOffsetIsUtc() {
    String json = READY.replace("2026-01-04T12:00:00Z", "2026-01-04T12:00:00+00:00");

    assertThat(codec.parse(json.getBytes(StandardCharsets.UTF_8)).time()).isEqualTo("2026-01-04T12:00:00Z");
  }

  private static Arguments row(String name, String json, Tuple... expected) {
    return Arguments.of(name, json, List.of(expected));
  }

  private static Tuple v(ViolationKind kind, String pointer) {
    return tuple(kind, pointer);
  }

  private static String cut(String json, String part) {
    assertThat(json).contains(part);
    return json.replace(part, "");
  }

  private static String text(EventType type) {
    return new String(EventFixtures.bytes(type), StandardCharsets.UTF_8);
  }

}
