package dev.vastmesh.support.problem;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatus;

class ProblemVocabularyTests {

  @ParameterizedTest
  @CsvSource({"400, malformed-request", "401, unauthenticated", "403, forbidden", "404, not-found",
      "405, method-not-allowed", "406, not-acceptable", "413, payload-too-large", "415, unsupported-media-type",
      "429, too-many-requests", "503, unavailable", "502, internal-error", "409, client-error"})
  void everyBareStatusHasTheSameKindInEveryService(int status, String kind) {
    assertThat(ProblemTypes.kindOf(status)).isEqualTo(kind);
    assertThat(ProblemTypes.of(kind)).isEqualTo(URI.create("https://vastmesh.dev/problems/" + kind));
  }

  @Test
  void aProblemRendersAsRfc9457JsonWithItsOwnMembersLast() {
    Problem problem = Problem.payloadTooLarge(65536).property("error", "request body too large");
    String json = new String(ProblemJson.bytes(problem), StandardCharsets.UTF_8);
    assertThat(json).isEqualTo("{\"type\":\"https://vastmesh.dev/problems/payload-too-large\",\"title\":\"Payload too large\","
        + "\"status\":413,\"detail\":\"the request body exceeds 65536 bytes\",\"error\":\"request body too large\"}");
    assertThat(problem.toProblemDetail().getStatus()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE.value());
    assertThat(problem.toProblemDetail().getProperties()).containsEntry("error", "request body too large");
  }

  @Test
  void everyValidationProblemIs400WithTheSameErrorsMember() {
    Problem request = Problem.invalidRequest(List.of(FieldViolation.at("/a", "x"), FieldViolation.parameter("b", "y")));
    assertThat(request.kind()).isEqualTo("invalid-request");
    assertThat(request.detail()).isEqualTo("2 values are invalid");
    assertThat(Problem.invalidRequest("/a", "x").detail()).isEqualTo("1 value is invalid");
    Problem event = Problem.invalidEvent(List.of(FieldViolation.at("/type", "unknown", "UNKNOWN_TYPE")), "refused");
    assertThat(List.of(request, event)).allSatisfy(p -> {
      assertThat(p.status()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(p.properties()).containsOnlyKeys("errors");
    });
    assertThat(new String(ProblemJson.bytes(event), StandardCharsets.UTF_8)).endsWith(
        "\"errors\":[{\"pointer\":\"/type\",\"detail\":\"unknown\",\"kind\":\"UNKNOWN_TYPE\"}]}");
  }

  @Test
  void aValidationProblemNamesAtLeastOneValue() {
    assertThatThrownBy(() -> Problem.invalidRequest(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pointersAreEscapedPerRfc6901() {
    assertThat(FieldViolation.pointerOf("labels.gpu")).isEqualTo("/labels/gpu");
    assertThat(FieldViolation.pointerOf(List.of("a/b", "m~n", "0"))).isEqualTo("/a~1b/m~0n/0");
    assertThat(FieldViolation.pointerOf("")).isEmpty();
  }
}
