package dev.vastmesh.gateway.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What the service's build leaves out. */
class ServiceJarTests {

  @Test
  void theUnauthenticatedBenchmarkBaselineIsOnlyInTheBenchBuild() {
    // src/bench/java is compiled only with -Pbench, into target/bench: never into the service.
    assertThatThrownBy(() -> Class.forName("dev.vastmesh.gateway.bench.BaselineController"))
        .isInstanceOf(ClassNotFoundException.class);
  }
}
