package dev.vastmesh.storage.planes;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Which plane a host belongs to. Tailscale's addresses (100.64.0.0/10, fd7a:115c:a1e0::/48,
 * MagicDNS names under {@code .ts.net}) are the tailnet; RFC 1918, loopback, link-local, IPv6
 * unique-local and {@code localhost} are private too; any other literal address is public. Other
 * names are resolved: all public addresses make a public name, any private one a private name,
 * and a name that does not resolve is {@link #UNRESOLVED}.
 */
public enum AddressKind {
  TAILNET, PRIVATE, PUBLIC, UNRESOLVED;

  /** Looks a name up; tests give a fixed table instead of DNS. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;

    Resolver DNS = InetAddress::getAllByName;
  }

  public boolean privatePlane() {
    return this == TAILNET || this == PRIVATE;
  }

  public static AddressKind of(String host, Resolver resolver) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    if (h.endsWith(".ts.net")) {
      return TAILNET;
    }
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      return PRIVATE;
    }
    if (isLiteral(h)) {
      try {
        return of(InetAddress.getByName(h));
      } catch (UnknownHostException e) {
        return UNRESOLVED;
      }
    }
    try {
      InetAddress[] all = resolver.resolve(h);
      AddressKind[] kinds = Arrays.stream(all).map(AddressKind::of).toArray(AddressKind[]::new);
      if (Arrays.asList(kinds).contains(TAILNET)) {
        return TAILNET;
      }
      return Arrays.stream(kinds).anyMatch(AddressKind::privatePlane) ? PRIVATE : all.length == 0 ? UNRESOLVED : PUBLIC;
    } catch (UnknownHostException | SecurityException e) {
      return UNRESOLVED;
    }
  }

  public static AddressKind of(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      if (first == 100 && (second & 0xc0) == 64) {
        return TAILNET;
      }
      if (first == 10 || (first == 172 && (second & 0xf0) == 16) || (first == 192 && second == 168)
          || address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isAnyLocalAddress()) {
        return PRIVATE;
      }
      return PUBLIC;
    }
    if (address instanceof Inet6Address) {
      if ((b[0] & 0xff) == 0xfd && (b[1] & 0xff) == 0x7a && (b[2] & 0xff) == 0x11 && (b[3] & 0xff) == 0x5c
          && (b[4] & 0xff) == 0xa1 && (b[5] & 0xff) == 0xe0) {
        return TAILNET;
      }
      if ((b[0] & 0xfe) == 0xfc || address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isAnyLocalAddress()) {
        return PRIVATE;
      }
    }
    return PUBLIC;
  }

  private static boolean isLiteral(String host) {
    return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }
}
