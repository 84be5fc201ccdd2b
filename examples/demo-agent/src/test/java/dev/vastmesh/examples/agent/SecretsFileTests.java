package dev.vastmesh.examples.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agents' secrets come from a file, never the command line. */
class SecretsFileTests {

  @TempDir
  Path dir;

  @Test
  void everyNameAndSecretLineIsRead() throws Exception {
    Path file = Files.writeString(dir.resolve("agents"), "# the demo's agents\ncluster-operator=whsec_a\n\n cost-monitor = whsec_b \n");

    assertThat(DemoAgent.readSecrets(file)).containsExactly(Map.entry("cluster-operator", "whsec_a"),
        Map.entry("cost-monitor", "whsec_b"));
  }

  @Test
  void aLineWithoutANameIsRefusedWithoutShowingIt() throws Exception {
    Path file = Files.writeString(dir.resolve("agents"), "=whsec_secret\n");

    assertThatThrownBy(() -> DemoAgent.readSecrets(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("whsec_secret");
  }

  @Test
  void aSecretOnTheCommandLineIsRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> DemoAgent.main(new String[] {"--agent.cluster-operator=whsec_secret"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("whsec_secret");
  }
}
