package dev.vastmesh.storage.cloudflared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastmesh.storage.planes.AddressKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cloudflared ingress check on good and bad config files. */
class IngressCheckTests {

  static final AddressKind.Resolver NO_DNS = host -> {
    throw new UnknownHostException(host);
  };
  final IngressCheck check = new IngressCheck(NO_DNS);

  static Path file(String name) throws URISyntaxException {
    return Path.of(IngressCheckTests.class.getResource("/cloudflared/" + name).toURI());
  }

  @Test
  void aTunnelToTheStoreOnItsLanWithACatchAllPasses() throws Exception {
    assertThat(check.check(file("good.yml"), List.of("storage.example.com"), URI.create("http://nas.tailnet-4f2a.ts.net:9000"))).isEmpty();
  }

  @Test
  void rulesIntoTheTailnetAreRefused() throws Exception {
    assertThat(check.check(file("into-tailnet.yml"), List.of("storage.example.com"), URI.create("http://10.0.0.7:9000"))).containsExactly(
        "rule 1 (storage.example.com) sends public traffic to nas.tailnet-4f2a.ts.net, a Tailscale address: the tunnel must not reach the private plane",
        "rule 2 (metrics.example.com) sends public traffic to 100.88.14.7, a Tailscale address: the tunnel must not reach the private plane",
        "rule 3 (console.example.com) sends public traffic to the private endpoint's host 10.0.0.7: the tunnel must not reach the private plane");
  }

  @Test
  void aMissingHostnameAndAMissingCatchAllAreRefused() throws Exception {
    assertThat(check.check(file("no-catch-all.yml"), List.of("storage.example.com"), null)).containsExactly(
        "public hostname storage.example.com has no ingress rule that serves it",
        "the last rule must be the catch-all `- service: http_status:404` (no hostname, no path), not "
            + "{\"hostname\":\"*.example.com\",\"service\":\"http_status:404\"}");
  }

  @Test
  void aFileWithoutIngressOrNotYamlIsNamed(@TempDir Path dir) throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.yml"), "tunnel: abc\n");
    assertThat(check.check(empty, List.of(), null)).containsExactly(empty + " has no ingress rules");
    Path broken = Files.writeString(dir.resolve("broken.yml"), "ingress: [\n  - {");
    assertThatThrownBy(() -> check.check(broken, List.of(), null)).hasMessageStartingWith("cannot read cloudflared config " + broken);
  }
}
