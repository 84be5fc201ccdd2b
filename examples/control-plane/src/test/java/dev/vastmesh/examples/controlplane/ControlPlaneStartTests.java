package dev.vastmesh.examples.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastmesh.testsupport.FreePort;
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
    Ports ports = Ports.from(FreePort::next);
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", ports.registries().get(0)));
      ControlPlane plane = ControlPlane.forTests(false, ports, "127.0.0.1", 6379, EndToEnd.REPO, work, List.of());

      assertThatThrownBy(() -> plane.start(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
          .hasMessageContaining("ports already in use on 127.0.0.1: [" + ports.registries().get(0) + "]");
      assertThat(plane.process("registry-service")).hasValueSatisfying(p -> assertThat(p.alive()).isFalse());
    }
  }

  @Test
  void anOffsetIntoTheEphemeralPortRangeIsRefused() {
    // 8000 + 24_768 is the first port Linux may give an outgoing connection.
    assertThatThrownBy(() -> Ports.offset(24_768)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ephemeral range");
    assertThatThrownBy(() -> Ports.offset(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Ports.offset(24_767).model()).isEqualTo(32_767);
  }

  @Test
  void portsCanBeGivenOneByOneAndReadBackTheSameWay() {
    Ports ports = Ports.from(FreePort::next);

    assertThat(Ports.defaults().with(ports.assignments())).isEqualTo(ports);
    assertThat(Ports.defaults().with("registry=4005, router-b=4016")).satisfies(p -> {
      assertThat(p.registries()).containsExactly(4005, 3015);
      assertThat(p.routers()).containsExactly(3006, 4016);
      assertThat(p.worker()).isEqualTo(3000);
    });
    assertThat(ports.all()).doesNotHaveDuplicates().hasSize(10);
    assertThatThrownBy(() -> Ports.defaults().with("prometheus=9090")).hasMessageContaining("no service port named prometheus");
    assertThatThrownBy(() -> Ports.defaults().with("worker")).hasMessageContaining("expected name=port");
  }

  @Test
  void theHaModeWithoutRedisSaysSo() {
    ControlPlane plane = ControlPlane.forTests(true, Ports.from(FreePort::next), "127.0.0.1", 1, EndToEnd.REPO, work, List.of());

    assertThatThrownBy(() -> plane.start(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
        .hasMessageContaining("HA mode needs Redis, and none answers on 127.0.0.1:1");
    assertThat(Files.exists(work.resolve("event-router-a.log"))).isFalse();
  }
}
