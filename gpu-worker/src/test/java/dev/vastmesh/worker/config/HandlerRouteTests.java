package dev.vastmesh.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

class HandlerRouteTests {

  static WorkerProperties.Handler handler(String route) {
    return new WorkerProperties.Handler(route, "constant:1", true, Duration.ofSeconds(30), null, DataSize.ofMegabytes(16));
  }

  @Test
  void aPathOfTheModelServersApiIsARoute() {
    assertThat(handler("/v1/embeddings").route()).isEqualTo("/v1/embeddings");
    assertThat(handler("/generate_stream").route()).isEqualTo("/generate_stream");
  }

  @ParameterizedTest
  @ValueSource(strings = {"v1/embeddings", "//evil.example/x", "/v1/embeddings?x=1", "/a b", "/v1#frag",
      "/session/create", "/session", "/actuator/prometheus"})
  void anythingElseStopsTheStartWithTheReason(String route) {
    assertThatThrownBy(() -> handler(route)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("handler route must be a path").hasMessageContaining(route);
  }
}
