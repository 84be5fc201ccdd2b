package dev.vastmesh.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VastEnvironmentTests {

  @Test
  void thePublicUrlComesFromTheInstancesAddressAndMappedPort() {
    Map<String, String> env = Map.of("PUBLIC_IPADDR", "203.0.113.4", "VAST_TCP_PORT_3000", "41234");

    assertThat(VastEnvironment.defaults(env::get)).containsExactly(Map.entry(VastEnvironment.DERIVED_PUBLIC_URL, "http://203.0.113.4:41234"));
  }

  @Test
  void withUseSslTheUrlIsHttpsAndTlsUsesTheInstancesCertificate() {
    Map<String, String> env = Map.of("PUBLIC_IPADDR", "203.0.113.4", "VAST_TCP_PORT_3100", "41000", "WORKER_PORT", "3100",
        "USE_SSL", "true");

    assertThat(VastEnvironment.defaults(env::get))
        .containsEntry(VastEnvironment.DERIVED_PUBLIC_URL, "https://203.0.113.4:41000")
        .containsEntry("server.ssl.enabled", "true")
        .containsEntry("server.ssl.certificate", "file:/etc/instance.crt")
        .containsEntry("server.ssl.certificate-private-key", "file:/etc/instance.key")
        .containsEntry("vastmesh.worker.sessions.end-port", "3101");
    assertThat(VastEnvironment.defaults(Map.of("USE_SSL", "true", "WORKER_HTTP_PORT", "4000")::get))
        .containsEntry("vastmesh.worker.sessions.end-port", "4000");
  }

  @Test
  void withoutTheMappedPortThereIsNoDerivedUrl() {
    assertThat(VastEnvironment.defaults(Map.of("PUBLIC_IPADDR", "203.0.113.4")::get)).isEmpty();
  }
}
