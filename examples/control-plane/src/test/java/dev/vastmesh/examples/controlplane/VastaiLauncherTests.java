package dev.vastmesh.examples.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code ./vastai} runs the CLI on a JDK >= 21 even when JAVA_HOME names an older one. */
class VastaiLauncherTests {

  static final Path JDK_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");

  @Test
  void theLauncherRunsTheCliOnASuitableJdk() throws Exception {
    ProcessBuilder builder = new ProcessBuilder("bash", EndToEnd.REPO.resolve("vastai").toString(), "--version")
        .redirectErrorStream(true);
    if (Files.isDirectory(JDK_17)) {
      // An older JAVA_HOME must not be used: the CLI's classes need 21.
      builder.environment().put("JAVA_HOME", JDK_17.toString());
    } else {
      builder.environment().remove("JAVA_HOME");
    }
    Process process = builder.start();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("vastmesh vastai").doesNotContain("UnsupportedClassVersionError");
  }
}
