package dev.vastmesh.worker.serving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServedRouteTests {

  @Test
  void aPathIsPlainWhenResolvingARequestTargetEqualToItGivesItBack() {
    assertThat(ServedRoute.plain("/v1/embeddings")).isTrue();
    assertThat(ServedRoute.plain("/generate_stream")).isTrue();
    assertThat(ServedRoute.plain("/")).isTrue();
    assertThat(ServedRoute.plain("/v1/embeddings/")).isTrue();
    assertThat(ServedRoute.plain("/a%20b")).as("percent-encoded").isFalse();
    assertThat(ServedRoute.plain("/a|b")).as("no URI").isFalse();
    assertThat(ServedRoute.plain("/caf\u00e9")).as("not ASCII").isFalse();
  }
}
