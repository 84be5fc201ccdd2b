package dev.vastmesh.storage.tailscale;

import dev.vastmesh.storage.StorageException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds the NAS among the tailnet's peers from {@code GET /localapi/v0/status}: by tag
 * ({@code tag:nas}) or by MagicDNS name (whole, or its first label) — never by {@code HostName},
 * which two machines may share. Online peers win, then the one seen last (RFC 3339 times sort as text), then the first by DNS name.
 */
public final class TailscaleDiscovery {

  /** Where tailscaled puts its socket on Linux. */
  public static final Path DEFAULT_SOCKET = Path.of("/var/run/tailscale/tailscaled.sock");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final LocalApi api;

  public TailscaleDiscovery(Path socket) {
    this.api = new LocalApi(socket);
  }

  /** The peers tailscaled knows, online or not. */
  public List<TailnetPeer> peers() {
    JsonNode status = JSON.readTree(api.get("/localapi/v0/status"));
    String state = status.path("BackendState").asString("");
    if (!state.isEmpty() && !state.equals("Running")) {
      throw new StorageException(StorageException.Kind.UNREACHABLE, "tailscaled is not connected to the tailnet (BackendState "
          + state + "): run tailscale up");
    }
    List<TailnetPeer> peers = new ArrayList<>();
    for (JsonNode peer : status.path("Peer")) {
      peers.add(new TailnetPeer(trimDot(peer.path("DNSName").asString("")), peer.path("HostName").asString(""),
          strings(peer.path("TailscaleIPs")), strings(peer.path("Tags")), peer.path("Online").asBoolean(false),
          peer.path("LastSeen").asString("")));
    }
    return peers;
  }

  /** The peer that {@code match} ({@code tag:...} or a DNS name) names; an error says why none fits. */
  public TailnetPeer find(String match) {
    String wanted = trimDot(match.strip().toLowerCase(Locale.ROOT));
    List<TailnetPeer> peers = peers();
    List<TailnetPeer> matching = peers.stream().filter(p -> matches(p, wanted))
        .sorted(Comparator.comparing((TailnetPeer p) -> !p.online()).thenComparing(TailnetPeer::lastSeen, Comparator.reverseOrder())
            .thenComparing(TailnetPeer::dnsName)).toList();
    if (matching.isEmpty()) {
      throw new StorageException(StorageException.Kind.NOT_FOUND, "no tailnet peer matches " + match + " (by "
          + (wanted.startsWith("tag:") ? "tag" : "DNS name") + "; peers: "
          + String.join(", ", peers.stream().map(TailnetPeer::dnsName).sorted().toList()) + ")");
    }
    TailnetPeer best = matching.getFirst();
    if (!best.online()) {
      throw new StorageException(StorageException.Kind.UNREACHABLE, "tailnet peer " + best.dnsName() + " (matching " + match
          + ") is offline" + (best.lastSeen().isEmpty() ? "" : ", last seen " + best.lastSeen()));
    }
    return best;
  }

  private static boolean matches(TailnetPeer peer, String wanted) {
    if (wanted.startsWith("tag:")) {
      return peer.tags().stream().anyMatch(t -> t.equalsIgnoreCase(wanted));
    }
    String dns = peer.dnsName().toLowerCase(Locale.ROOT);
    return dns.equals(wanted) || (!wanted.contains(".") && dns.startsWith(wanted + "."));
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asString()));
    return List.copyOf(values);
  }

  private static String trimDot(String name) {
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }
}
