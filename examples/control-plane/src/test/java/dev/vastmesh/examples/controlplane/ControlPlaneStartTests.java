package dev.vastmesh.examples.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that cannot work says why before it starts anything. */
class ControlPlaneStartTests {

  @TempDir
  Path work;

  @Test
  void aPortInUseIsReportedAndNothingIsStarted() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 3005 + 23_000));
      ControlPlane plane = ControlPlane.forTests(false, 23_000, "127.0.0.1", 6379, EndToEnd.REPO, work, List.of());

      assertThatThrownBy(() -> plane.start(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
          .hasMessageContaining("ports already in use on 127.0.0.1: [26005]");
      assertThat(plane.process("registry-service")).hasValueSatisfying(p -> assertThat(p.alive()).isFalse());
    }
  }

  @Test
  void anOffsetIntoTheEphemeralPortRangeIsRefused() {
    // 8000 + 24_768 is the first port Linux may give an outgoing connection.
    assertThatThrownBy(() -> ControlPlane.forTests(false, 24_768, "127.0.0.1", 6379, EndToEnd.REPO, work, List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ephemeral range");
    assertThat(ControlPlane.forTests(false, 24_767, "127.0.0.1", 6379, EndToEnd.REPO, work, List.of()).topology().modelPort())
        .isEqualTo(32_767);
  }

  @Test
  void theHaModeWithoutRedisSaysSo() {
    ControlPlane plane = ControlPlane.forTests(true, 23_000, "127.0.0.1", 1, EndToEnd.REPO, work, List.of());

    assertThatThrownBy(() -> plane.start(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
        .hasMessageContaining("HA mode needs Redis, and none answers on 127.0.0.1:1");
    assertThat(Files.exists(work.resolve("event-router-a.log"))).isFalse();
  }
}
