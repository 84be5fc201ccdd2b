package dev.vastmesh.storage.cloudflared;

import dev.vastmesh.storage.StorageException;
import dev.vastmesh.storage.planes.AddressKind;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Checks a cloudflared config file's {@code ingress} rules against the plane rule. The tunnel is
 * the public plane's only door, so: every public hostname the store is reached by must have a
 * rule; no rule may send traffic into the tailnet (a Tailscale address or MagicDNS name, or the
 * configured private endpoint's host) — the tunnel's origin is the store on its own LAN or
 * loopback; and the last rule must be the catch-all {@code http_status:404}, so a hostname
 * nobody configured reaches nothing.
 */
public final class IngressCheck {

  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private final AddressKind.Resolver resolver;

  public IngressCheck(AddressKind.Resolver resolver) {
    this.resolver = resolver;
  }

  /** The problems found; empty when the file is good. An unreadable file is a {@link StorageException}. */
  public List<String> check(Path config, List<String> publicHostnames, @Nullable URI privateEndpoint) {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(config));
    } catch (IOException | JacksonException e) {
      throw new StorageException(StorageException.Kind.MISCONFIGURED, "cannot read cloudflared config " + config + ": "
          + e.getMessage().lines().findFirst().orElse(""), e);
    }
    JsonNode ingress = root == null ? null : root.get("ingress");
    if (ingress == null || !ingress.isArray() || ingress.isEmpty()) {
      return List.of(config + " has no ingress rules");
    }
    List<String> problems = new ArrayList<>();
    for (String hostname : publicHostnames) {
      // cloudflared takes the first rule that matches; a status answer there serves nothing.
      JsonNode first = null;
      for (JsonNode rule : ingress) {
        if (hostnameMatches(rule.path("hostname").asString(""), hostname)) {
          first = rule;
          break;
        }
      }
      if (first == null || first.path("service").asString("").strip().startsWith("http_status:")) {
        problems.add("public hostname " + hostname + " has no ingress rule that serves it");
      }
    }
    String privateHost = privateEndpoint == null || privateEndpoint.getHost() == null ? null : privateEndpoint.getHost().toLowerCase(Locale.ROOT);
    for (int i = 0; i < ingress.size(); i++) {
      JsonNode rule = ingress.get(i);
      String service = rule.path("service").asString("");
      String where = "rule " + (i + 1) + (rule.hasNonNull("hostname") ? " (" + rule.get("hostname").asString() + ")" : "");
      if (service.isBlank()) {
        problems.add(where + " has no service");
        continue;
      }
      String host = serviceHost(service);
      if (host == null) {
        continue;
      }
      if (privateHost != null && host.equals(privateHost)) {
        problems.add(where + " sends public traffic to the private endpoint's host " + host + ": the tunnel must not reach the private plane");
      } else if (AddressKind.of(host, resolver) == AddressKind.TAILNET) {
        problems.add(where + " sends public traffic to " + host + ", a Tailscale address: the tunnel must not reach the private plane");
      }
    }
    JsonNode last = ingress.get(ingress.size() - 1);
    if (last.hasNonNull("hostname") || last.hasNonNull("path") || !last.path("service").asString("").strip().equals("http_status:404")) {
      problems.add("the last rule must be the catch-all `- service: http_status:404` (no hostname, no path), not "
          + last.toString());
    }
    return problems;
  }

  private static boolean hostnameMatches(String pattern, String hostname) {
    String p = pattern.toLowerCase(Locale.ROOT);
    String h = hostname.toLowerCase(Locale.ROOT);
    if (p.isEmpty() || p.equals("*")) {
      return true;
    }
    if (p.startsWith("*.")) {
      return h.endsWith(p.substring(1)) && h.length() > p.length() - 1;
    }
    return p.equals(h);
  }

  /** The host a service URL points at; none for http_status:, hello_world, unix: sockets and the like. */
  private static @Nullable String serviceHost(String service) {
    if (!service.contains("://")) {
      return null;
    }
    try {
      String host = URI.create(service.strip()).getHost();
      return host == null ? null : host.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
