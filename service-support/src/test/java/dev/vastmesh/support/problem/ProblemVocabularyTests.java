package dev.vastmesh.support.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
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
  void anInvalidRequestListsEveryField() {
    Problem problem = Problem.invalidRequest(java.util.List.of(new FieldViolation("a", "x"), new FieldViolation("b", "y")));
    assertThat(problem.kind()).isEqualTo("invalid-request");
    assertThat(problem.detail()).isEqualTo("2 fields are invalid");
    assertThat(Problem.invalidRequest("a", "x").detail()).isEqualTo("1 field is invalid");
  }
}
