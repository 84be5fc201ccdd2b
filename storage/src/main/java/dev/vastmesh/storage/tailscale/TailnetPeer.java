package dev.vastmesh.storage.tailscale;

import java.net.URI;
import java.util.List;

/**
 * A peer as tailscaled reports it.
 *
 * @param dnsName its MagicDNS name without the trailing dot ({@code nas.tailnet-1234.ts.net})
 * @param tailscaleIps its 100.x and fd7a:115c:a1e0:: addresses
 */
public record TailnetPeer(String dnsName, String hostName, List<String> tailscaleIps, List<String> tags, boolean online,
    String lastSeen) {

  /** {@code http://<dnsName>:<port>}: WireGuard already encrypts the tailnet, MinIO listens in plain HTTP there. */
  public URI endpoint(int port) {
    return URI.create("http://" + dnsName + ":" + port);
  }
}
