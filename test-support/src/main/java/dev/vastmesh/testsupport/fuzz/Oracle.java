package dev.vastmesh.testsupport.fuzz;

import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Judges one answer: what is wrong with it, if anything. The standard oracle: never a 5xx, and
 * every error an {@code application/problem+json} problem of our vocabulary whose status member
 * is the answer's status.
 */
@FunctionalInterface
public interface Oracle {

  JsonMapper JSON = JsonMapper.builder().build();

  /** Why the answer is wrong, or empty when it is fine. */
  Optional<String> judge(RawRequest request, RawResponse response);

  static Oracle problems() {
    return Oracle::problemsOnly;
  }

  /** The standard oracle, except that errors may also have the shape {@code accepted} says. */
  static Oracle problemsOr(java.util.function.BiPredicate<RawRequest, RawResponse> accepted) {
    return (request, response) -> problemsOnly(request, response).filter(why -> !accepted.test(request, response));
  }

  private static Optional<String> problemsOnly(RawRequest request, RawResponse response) {
    if (!response.answered()) {
      return Optional.empty();
    }
    int status = response.status();
    if (request.summary().contains("asterisk-form") && response.body().length == 0) {
      // Tomcat answers a "*" target itself, before any valve, filter or handler of ours runs (a
      // 400 for any method but OPTIONS; with an unknown transfer coding, a 501).
      return Optional.empty();
    }
    if (status == RawResponse.HTTP_09) {
      return http09(response);
    }
    if (status >= 500) {
      return Optional.of("a " + status);
    }
    if (status < 400) {
      return Optional.empty();
    }
    String type = response.header("content-type");
    if (type != null && type.startsWith("application/problem+json") && request.head()) {
      return Optional.empty();
    }
    if (type == null || !type.startsWith("application/problem+json")) {
      return Optional.of("a " + status + " as " + type + ", not a problem");
    }
    return problem(response.body()).filter(p -> p.path("status").asInt() == status).isPresent() ? Optional.empty()
        : Optional.of("a " + status + " problem without our type, its status or a title");
  }

  /** An answer without a head can only be judged by its body: a problem in it must be a 4xx. */
  private static Optional<String> http09(RawResponse response) {
    int status = problem(response.body()).map(p -> p.path("status").asInt()).orElse(400);
    return status >= 400 && status < 500 ? Optional.empty() : Optional.of("an HTTP/0.9 answer with a " + status + " problem");
  }

  private static Optional<JsonNode> problem(byte[] body) {
    try {
      JsonNode problem = JSON.readTree(body);
      boolean ours = problem.path("type").asString("").startsWith("https://vastmesh.dev/problems/")
          && !problem.path("title").asString("").isEmpty();
      return ours ? Optional.of(problem) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
