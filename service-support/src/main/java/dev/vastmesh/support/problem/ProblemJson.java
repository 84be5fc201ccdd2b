package dev.vastmesh.support.problem;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A problem as {@code application/problem+json} bytes, for code that writes answers itself (the
 * worker's Reactor Netty routes): render fixed answers once, at start-up, and send the bytes.
 */
public final class ProblemJson {

  public static final String MEDIA_TYPE = "application/problem+json";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ProblemJson() {
  }

  /** Members in the RFC's order (type, title, status, detail), then the problem's own. */
  public static byte[] bytes(Problem problem) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", ProblemTypes.of(problem.kind()).toString());
    body.put("title", problem.title());
    body.put("status", problem.status().value());
    body.put("detail", problem.detail());
    body.putAll(problem.properties());
    return JSON.writeValueAsBytes(body);
  }
}
