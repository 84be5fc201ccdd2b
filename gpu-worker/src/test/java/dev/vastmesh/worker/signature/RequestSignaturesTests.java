package dev.vastmesh.worker.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RequestSignaturesTests {

  @Test
  void messagesArePythonsIndentedSortedJson() {
    RequestSignatures current = new RequestSignatures(null, "url");
    RequestSignatures legacy = new RequestSignatures(null, "legacy");
    var auth = JsonMapper.builder().build().readTree("{\"url\":\"https://203.0.113.4:41234\",\"signature\":\"x\","
        + "\"cost\":242.0,\"reqnum\":12345,\"endpoint\":\"vLLM-Qwen3-8B\",\"request_idx\":10203040,\"__request_id\":\"r\"}");

    assertThat(current.message(auth)).isEqualTo("{\n    \"url\": \"https://203.0.113.4:41234\"\n}");
    assertThat(legacy.message(auth)).isEqualTo("{\n    \"cost\": 242.0,\n    \"endpoint\": \"vLLM-Qwen3-8B\",\n    \"reqnum\": 12345,\n"
        + "    \"request_idx\": 10203040,\n    \"url\": \"https://203.0.113.4:41234\"\n}");
  }

  @Test
  void nonAsciiIsEscapedAsPythonDoes() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("name", "Zoë \"q\"");
    assertThat(PythonJson.dumps(fields)).isEqualTo("{\n    \"name\": \"Zo\\u00eb \\\"q\\\"\"\n}");
  }

  @Test
  void replayGuardRejectsRepeatsAndStaleNumbers() {
    RequestSignatures guard = new RequestSignatures(null, "url");
    assertThat(guard.fresh(500)).isTrue();
    assertThat(guard.fresh(500)).isFalse();
    assertThat(guard.fresh(450)).isTrue();
    assertThat(guard.fresh(399)).isFalse();
  }
}
