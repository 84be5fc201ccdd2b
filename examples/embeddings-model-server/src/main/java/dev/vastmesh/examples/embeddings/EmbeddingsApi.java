package dev.vastmesh.examples.embeddings;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenAI's {@code POST /v1/embeddings}: {@code input} is a string or an array of strings; the
 * answer is {@code {"object":"list","data":[{"object":"embedding","index":i,"embedding":[...]}],
 * "model":..., "usage":{...}}}. Bad requests get OpenAI's error shape with status 400.
 */
final class EmbeddingsApi {

  static final String MODEL = "all-minilm-l6-v2-q";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** An HTTP answer: status and JSON body. */
  record Answer(int status, byte[] body) {
  }

  private final int maxInputs;
  private final int maxInputChars;

  EmbeddingsApi(int maxInputs, int maxInputChars) {
    this.maxInputs = maxInputs;
    this.maxInputChars = maxInputChars;
  }

  Answer embed(byte[] requestBody, EmbeddingModel model) {
    JsonNode request;
    try {
      request = JSON.readTree(requestBody);
    } catch (JacksonException e) {
      return error("the body is not JSON");
    }
    if (request == null || !request.isObject()) {
      return error("the body must be a JSON object with an \"input\"");
    }
    JsonNode input = request.path("input");
    List<String> texts = new ArrayList<>();
    if (input.isString()) {
      texts.add(input.asString());
    } else if (input.isArray()) {
      for (JsonNode item : input) {
        if (!item.isString()) {
          return error("\"input\" must be a string or an array of strings");
        }
        texts.add(item.asString());
      }
    } else {
      return error("\"input\" must be a string or an array of strings");
    }
    if (texts.isEmpty() || texts.size() > maxInputs) {
      return error("\"input\" must hold 1 to " + maxInputs + " strings");
    }
    for (String text : texts) {
      if (text.isEmpty() || text.length() > maxInputChars) {
        return error("each input must be 1 to " + maxInputChars + " characters");
      }
    }
    Response<List<Embedding>> response = model.embedAll(texts.stream().map(TextSegment::from).toList());
    List<Map<String, Object>> data = new ArrayList<>();
    List<Embedding> embeddings = response.content();
    for (int i = 0; i < embeddings.size(); i++) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("object", "embedding");
      item.put("index", i);
      item.put("embedding", embeddings.get(i).vector());
      data.add(item);
    }
    int tokens = response.tokenUsage() == null || response.tokenUsage().inputTokenCount() == null ? 0
        : response.tokenUsage().inputTokenCount();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("object", "list");
    body.put("data", data);
    body.put("model", MODEL);
    body.put("usage", Map.of("prompt_tokens", tokens, "total_tokens", tokens));
    return new Answer(200, JSON.writeValueAsBytes(body));
  }

  static Answer error(String message) {
    return new Answer(400, JSON.writeValueAsBytes(Map.of("error", Map.of("message", message, "type", "invalid_request_error"))));
  }
}
