package dev.vastmesh.support.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ProblemVocabularyTests {

  @Test
  void everyBareStatusHasTheSameKindInEveryService() {
    assertThat(ProblemTypes.kindOf(400)).isEqualTo("malformed-request");
    assertThat(ProblemTypes.kindOf(401)).isEqualTo("unauthenticated");
    assertThat(ProblemTypes.kindOf(403)).isEqualTo("forbidden");
    assertThat(ProblemTypes.kindOf(404)).isEqualTo("not-found");
    assertThat(ProblemTypes.kindOf(405)).isEqualTo("method-not-allowed");
    assertThat(ProblemTypes.kindOf(406)).isEqualTo("not-acceptable");
    assertThat(ProblemTypes.kindOf(413)).isEqualTo("payload-too-large");
    assertThat(ProblemTypes.kindOf(415)).isEqualTo("unsupported-media-type");
    assertThat(ProblemTypes.kindOf(429)).isEqualTo("too-many-requests");
    assertThat(ProblemTypes.kindOf(503)).isEqualTo("unavailable");
    assertThat(ProblemTypes.kindOf(502)).isEqualTo("internal-error");
    assertThat(ProblemTypes.kindOf(409)).isEqualTo("client-error");
    assertThat(ProblemTypes.of("gone")).isEqualTo(URI.create("https://vastmesh.dev/problems/gone"));
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
