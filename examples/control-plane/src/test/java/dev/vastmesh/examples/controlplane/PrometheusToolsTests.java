package dev.vastmesh.examples.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** A missing tool fails the tests that need it, with the fix; skipping them takes an explicit opt-out. */
class PrometheusToolsTests {

  @Test
  void aMissingToolFailsAndSaysHowToInstallIt() {
    assertThatThrownBy(() -> PrometheusTools.require("promtool-not-installed"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("promtool-not-installed is not on the PATH")
        .hasMessageContaining("apt-get install -y prometheus")
        .hasMessageContaining("-D" + PrometheusTools.OPTIONAL + "=true");
  }

  @Test
  void theOptOutSkipsInsteadOfFailing() {
    String before = System.getProperty(PrometheusTools.OPTIONAL);
    System.setProperty(PrometheusTools.OPTIONAL, "true");
    try {
      assertThatThrownBy(() -> PrometheusTools.require("promtool-not-installed")).isInstanceOf(TestAbortedException.class)
          .hasMessageContaining("skipped because -D" + PrometheusTools.OPTIONAL + "=true");
    } finally {
      if (before == null) {
        System.clearProperty(PrometheusTools.OPTIONAL);
      } else {
        System.setProperty(PrometheusTools.OPTIONAL, before);
      }
    }
  }

  @Test
  void anInstalledToolIsFoundOnThePath() {
    assertThat(PrometheusTools.require("sh")).isExecutable();
  }
}
