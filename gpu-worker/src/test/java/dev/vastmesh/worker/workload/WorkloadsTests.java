package dev.vastmesh.worker.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WorkloadsTests {

  static JsonNode json(String text) {
    return JsonMapper.builder().build().readTree(text);
  }

  @Test
  void theDesignsEmbeddingsWorkloadIsTheNumberOfInputs() {
    assertThat(Workloads.parse("array-length:/input").safely(json("{\"input\":[\"a\",\"b\",\"c\"]}"))).isEqualTo(3.0);
    assertThat(Workloads.parse("array-length:/input").safely(json("{\"input\":\"one\"}"))).isEqualTo(1.0);
  }

  @Test
  void calculators() {
    assertThat(Workloads.parse("constant:7").safely(json("{}"))).isEqualTo(7.0);
    assertThat(Workloads.parse("number:/max_tokens").safely(json("{\"max_tokens\":256}"))).isEqualTo(256.0);
    assertThat(Workloads.parse("chars:/prompt").safely(json("{\"prompt\":\"abcdefgh\"}"))).isEqualTo(2.0);
    assertThat(Workloads.parse("chars:/messages").safely(json("{\"messages\":[\"abcd\",\"abcdefgh\"]}"))).isEqualTo(3.0);
  }

  @Test
  void missingNegativeOrNonFiniteFallsBackTo100() {
    assertThat(Workloads.parse("number:/max_tokens").safely(json("{}"))).isEqualTo(100.0);
    assertThat(Workloads.parse("constant:-1").safely(json("{}"))).isEqualTo(100.0);
    assertThat(((WorkloadCalculator) p -> { throw new IllegalStateException(); }).safely(json("{}"))).isEqualTo(100.0);
    assertThatThrownBy(() -> Workloads.parse("tokens")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Workloads.parse("array-length:input").safely(json("{\"input\":[\"a\"]}"))).as("not a pointer").isEqualTo(100.0);
  }
}
