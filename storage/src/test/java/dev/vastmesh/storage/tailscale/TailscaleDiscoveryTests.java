package dev.vastmesh.storage.tailscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastmesh.storage.StorageException;
import dev.vastmesh.storage.testing.LocalApiDouble;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery over a real unix socket, against tailscaled status answers captured in test resources. */
class TailscaleDiscoveryTests {

  @TempDir
  Path dir;

  @Test
  void findsTheOnlineNasByTagAndNotTheOfflineOneWithTheSameHostName() throws Exception {
    try (LocalApiDouble api = new LocalApiDouble(dir.resolve("tailscaled.sock"), "/tailscale/status-running.json")) {
      TailnetPeer nas = new TailscaleDiscovery(api.socket()).find("tag:nas");
      assertThat(nas.dnsName()).isEqualTo("nas.tailnet-4f2a.ts.net");
      assertThat(nas.tailscaleIps()).containsExactly("100.88.14.7", "fd7a:115c:a1e0::8858:e07");
      assertThat(nas.endpoint(9000)).isEqualTo(URI.create("http://nas.tailnet-4f2a.ts.net:9000"));
      assertThat(api.requests()).singleElement().satisfies(r -> assertThat(r)
          .startsWith("GET /localapi/v0/status HTTP/1.1\r\n").contains("\r\nHost: local-tailscaled.sock\r\n"));
    }
  }

  @Test
  void findsByDnsNameWholeOrByItsFirstLabelButNotByHostName() throws Exception {
    try (LocalApiDouble api = new LocalApiDouble(dir.resolve("tailscaled.sock"), "/tailscale/status-running.json")) {
      TailscaleDiscovery discovery = new TailscaleDiscovery(api.socket());
      assertThat(discovery.find("nas.tailnet-4f2a.ts.net.").dnsName()).isEqualTo("nas.tailnet-4f2a.ts.net");
      assertThat(discovery.find("laptop").dnsName()).isEqualTo("laptop.tailnet-4f2a.ts.net");
      assertThatThrownBy(() -> discovery.find("nas-old")).hasMessageContaining("nas-old.tailnet-4f2a.ts.net (matching nas-old) is offline, "
          + "last seen 2026-11-20T08:14:02Z");
      assertThatThrownBy(() -> discovery.find("tag:backup")).isInstanceOfSatisfying(StorageException.class,
          e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.NOT_FOUND)).hasMessage("no tailnet peer matches tag:backup (by tag; peers: "
          + "laptop.tailnet-4f2a.ts.net, nas-old.tailnet-4f2a.ts.net, nas.tailnet-4f2a.ts.net)");
    }
  }

  @Test
  void anOfflineNasIsAClearError() throws Exception {
    try (LocalApiDouble api = new LocalApiDouble(dir.resolve("tailscaled.sock"), "/tailscale/status-nas-offline.json")) {
      assertThatThrownBy(() -> new TailscaleDiscovery(api.socket()).find("tag:nas"))
          .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.UNREACHABLE))
          .hasMessage("tailnet peer nas.tailnet-4f2a.ts.net (matching tag:nas) is offline, last seen 2026-12-01T19:02:44Z");
    }
  }

  @Test
  void aLoggedOutTailscaledAndAMissingOneAreClearErrors() throws Exception {
    try (LocalApiDouble api = new LocalApiDouble(dir.resolve("tailscaled.sock"), "/tailscale/status-needs-login.json")) {
      assertThatThrownBy(() -> new TailscaleDiscovery(api.socket()).find("tag:nas"))
          .hasMessage("tailscaled is not connected to the tailnet (BackendState NeedsLogin): run tailscale up");
    }
    Path none = dir.resolve("absent.sock");
    assertThatThrownBy(() -> new TailscaleDiscovery(none).find("tag:nas"))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.UNREACHABLE))
        .hasMessageStartingWith("tailscaled is not running here: no LocalAPI socket at " + none);
  }
}
