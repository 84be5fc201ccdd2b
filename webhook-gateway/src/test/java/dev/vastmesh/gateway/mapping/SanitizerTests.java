package dev.vastmesh.gateway.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastmesh.events.EventCodec;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Strings are cleaned as the tree is parsed; everything else is read as the event codec reads it. */
class SanitizerTests {

  private static JsonNode parse(String json) {
    return Sanitizer.parse(json.getBytes(StandardCharsets.UTF_8)).tree();
  }

  @Test
  void controlCharactersGoAndUnicodeIsNfcEverywhereInTheTree() {
    JsonNode tree = parse("""
        {"name": "cafe\\u0301\\u0007 team\\u0000", "nested": {"list": ["a\\u001bb", "\\u0085x\\u007f"]},
         "kept": "tab\\tand\\nnewline"}""");

    assertThat(tree.path("name").stringValue()).isEqualTo("caf\u00e9 team");
    assertThat(tree.path("nested").path("list").get(0).stringValue()).isEqualTo("ab");
    assertThat(tree.path("nested").path("list").get(1).stringValue()).isEqualTo("x");
    assertThat(tree.path("kept").stringValue()).isEqualTo("tab\tand\nnewline");
  }

  @Test
  void plainAsciiAndOtherValuesPassUnchanged() {
    JsonNode tree = parse("{\"id\": \"msg_2KWPBgLlAfxdpx2AI54pPJ85f4W\", \"n\": 12.50, \"ok\": true, \"none\": null}");

    assertThat(tree.path("id").stringValue()).isEqualTo("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W");
    assertThat(tree.path("n").decimalValue()).isEqualByComparingTo("12.50");
    assertThat(tree.path("ok").booleanValue()).isTrue();
    assertThat(tree.path("none").isNull()).isTrue();
  }

  @Test
  void alreadyComposedTextIsLeftAsItIs() {
    assertThat(parse("{\"who\": \"Zo\u00eb \u2603 \u65e5\u672c\"}").path("who").stringValue()).isEqualTo("Zo\u00eb \u2603 \u65e5\u672c");
  }

  @Test
  void theWireRulesStillApply() {
    assertThatThrownBy(() -> parse("{\"a\": 1, \"a\": 2}")).isInstanceOf(JacksonException.class);
    assertThatThrownBy(() -> parse("{\"a\": 1} trailing")).isInstanceOf(JacksonException.class);
  }

  @Test
  void aParseSaysWhetherCleaningChangedAnything() {
    assertThat(cleanedNothing("{\"a\": \"plain \\\"quoted\\\" \\\\ \\/ tab\\tnewline\\n\"}\r\n")).isTrue();
    assertThat(cleanedNothing("{\"a\": \"\\u0041\"}")).as("an escape of a letter is the letter").isTrue();
    assertThat(cleanedNothing("{\"a\": \"caf\u00e9 \u2603\"}")).as("composed UTF-8").isTrue();
    assertThat(cleanedNothing("{\"a\": \"x\\ry\"}")).as("an escaped control character").isFalse();
    assertThat(cleanedNothing("{\"a\": \"x\\by\\fz\"}")).isFalse();
    assertThat(cleanedNothing("{\"a\": [1, {\"b\": \"cafe\\u0301\"}]}")).as("NFD, nested").isFalse();
    assertThat(cleanedNothing("{\"a\": \"\u007f\"}")).as("DEL").isFalse();
    assertThatThrownBy(() -> cleanedNothing("{\"a\": \"\u0001\"}")).as("a raw control byte").isInstanceOf(JacksonException.class);
    assertThatThrownBy(() -> cleanedNothing("{\"a\": \"\\")).as("a dangling backslash").isInstanceOf(JacksonException.class);
  }

  /**
   * A parse says it cleaned nothing exactly when its tree is the tree the codec reads without
   * cleaning: only then may the bytes travel in place of the cleaned value.
   */
  @Property(tries = 2000)
  void cleanedNothingExactlyWhenTheCleanTreeIsThePlainOne(@ForAll("jsonStrings") String value) {
    byte[] json = ("{\"v\": \"" + value + "\", \"n\": [1, \"" + value + "\"]}").getBytes(StandardCharsets.UTF_8);
    JsonNode plain;
    try {
      plain = EventCodec.standard().readTree(json);
    } catch (JacksonException e) {
      assertThatThrownBy(() -> Sanitizer.parse(json)).as("the same wire rules").isInstanceOf(JacksonException.class);
      return;
    }
    Sanitizer.Parsed parsed = Sanitizer.parse(json);
    Statistics.collect(parsed.cleanedNothing() ? "cleaned nothing" : "cleaned");
    if (parsed.cleanedNothing()) {
      assertThat(parsed.tree()).isEqualTo(plain);
    } else {
      assertThat(parsed.tree()).isNotEqualTo(plain);
    }
  }

  /** String contents as a sender may write them: plain text, escapes of every kind, raw control and non-ASCII characters. */
  @Provide
  Arbitrary<String> jsonStrings() {
    Arbitrary<String> pieces = Arbitraries.oneOf(
        Arbitraries.strings().withCharRange(' ', '~').excludeChars('"', '\\').ofMaxLength(6),
        Arbitraries.of("\\n", "\\t", "\\r", "\\b", "\\f", "\\\"", "\\\\", "\\/", "\\u0041", "\\u0007", "\\u0301", "\\u00e9"),
        Arbitraries.of("\u0007", "\u007f", "\u0085", "e\u0301", "\u00e9", "\u2603", "\t"));
    return pieces.list().ofMaxSize(8).map(list -> String.join("", list));
  }

  private static boolean cleanedNothing(String json) {
    return Sanitizer.parse(json.getBytes(StandardCharsets.UTF_8)).cleanedNothing();
  }
}
