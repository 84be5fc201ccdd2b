package dev.vastmesh.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;

/** Assertions on the RFC 9457 problems every vastmesh service answers. */
public final class Problems {

  private Problems() {
  }

  /**
   * Asserts a validation problem of {@code kind} (its type {@code https://vastmesh.dev/problems/<kind>})
   * naming exactly one invalid value: at {@code pointer}, classified {@code violationKind}, with a
   * detail that mentions {@code detailMentions}.
   */
  public static void assertOneInvalidValue(JsonNode problem, String kind, String pointer, String violationKind,
      String detailMentions) {
    assertThat(problem.get("status").asInt()).isEqualTo(400);
    assertThat(problem.get("type").asString()).isEqualTo("https://vastmesh.dev/problems/" + kind);
    assertThat(problem.get("errors")).singleElement().satisfies(error -> {
      assertThat(error.get("pointer").asString()).isEqualTo(pointer);
      assertThat(error.get("kind").asString()).isEqualTo(violationKind);
      assertThat(error.get("detail").asString()).contains(detailMentions);
    });
  }
}
