package dev.vastmesh.examples.embeddings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAI-style API over the real model: shapes, similarity that means something, and refusals. */
class EmbeddingsApiTests {

  static AllMiniLmL6V2QuantizedEmbeddingModel model;
  final EmbeddingsApi api = new EmbeddingsApi(4, 100);
  final JsonMapper json = JsonMapper.builder().build();

  @BeforeAll
  static void load() {
    model = new AllMiniLmL6V2QuantizedEmbeddingModel();
  }

  JsonNode embed(String body) {
    EmbeddingsApi.Answer answer = api.embed(body.getBytes(StandardCharsets.UTF_8), model);
    assertThat(answer.status()).isEqualTo(200);
    return json.readTree(answer.body());
  }

  @Test
  void anArrayOfInputsGivesOneNormalisedVectorEachInOrder() {
    JsonNode answer = embed("{\"input\":[\"a cat sits on the mat\",\"a kitten rests on a rug\",\"GPU rental prices rose\"],\"model\":\"x\"}");

    assertThat(answer.path("object").asString()).isEqualTo("list");
    assertThat(answer.path("model").asString()).isEqualTo(EmbeddingsApi.MODEL);
    assertThat(answer.path("data")).hasSize(3);
    assertThat(answer.path("data").get(2).path("index").asInt()).isEqualTo(2);
    double[][] v = new double[3][];
    for (int i = 0; i < 3; i++) {
      JsonNode vector = answer.path("data").get(i).path("embedding");
      assertThat(vector).hasSize(384);
      v[i] = new double[384];
      for (int d = 0; d < 384; d++) {
        v[i][d] = vector.get(d).asDouble();
      }
    }
    assertThat(dot(v[0], v[0])).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
    assertThat(dot(v[0], v[1])).as("the two sentences about cats are closer").isGreaterThan(dot(v[0], v[2]) + 0.2);
    assertThat(answer.path("usage").path("prompt_tokens").asInt()).isPositive();
  }

  @Test
  void aSingleStringIsOneInput() {
    assertThat(embed("{\"input\":\"hello\"}").path("data")).hasSize(1);
  }

  @Test
  void malformedRequestsAre400InOpenAisShape() {
    for (String bad : new String[] {"{nope", "[]", "{\"input\":5}", "{\"input\":[1]}", "{\"input\":[]}",
        "{\"input\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}", "{\"input\":[\"\"]}", "{\"input\":\"" + "x".repeat(101) + "\"}"}) {
      EmbeddingsApi.Answer answer = api.embed(bad.getBytes(StandardCharsets.UTF_8), model);
      assertThat(answer.status()).as(bad).isEqualTo(400);
      assertThat(json.readTree(answer.body()).path("error").path("type").asString()).isEqualTo("invalid_request_error");
    }
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
