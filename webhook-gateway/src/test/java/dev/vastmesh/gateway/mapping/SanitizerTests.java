package dev.vastmesh.gateway.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Strings are cleaned as the tree is parsed; everything else is read as the event codec reads it. */
class SanitizerTests {

  private static JsonNode parse(String json) {
    return Sanitizer.parse(json.getBytes(StandardCharsets.UTF_8));
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
}
