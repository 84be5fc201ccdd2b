package dev.vastmesh.storage.planes;

import dev.vastmesh.storage.StorageException;
import java.net.URI;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The two endpoints and the rule that decides which one code may use. Checked when built: the
 * public endpoint must not be a private-plane address (Tailscale, RFC 1918, loopback, ...), the
 * private one must be one — mixing them would send an instance's traffic into the tailnet, or a
 * laptop's over the internet. Then {@link #select}: a Vast instance only ever gets the public
 * plane; a local runner gets the private plane when one is configured ({@code auto}), or what it
 * asks for.
 */
public final class NetworkPlanes {

  /** The endpoint chosen, and on which plane. */
  public record Selected(Plane plane, URI endpoint) {
  }

  /**
   * The names of the two settings (environment variables, properties or options), for messages.
   */
  public record Settings(String publicEndpoint, String privateEndpoint) {
  }

  private final Settings settings;
  private final @Nullable URI publicEndpoint;
  private final @Nullable URI privateEndpoint;

  private NetworkPlanes(Settings settings, @Nullable URI publicEndpoint, @Nullable URI privateEndpoint) {
    this.settings = settings;
    this.publicEndpoint = publicEndpoint;
    this.privateEndpoint = privateEndpoint;
  }

  /** Checks both endpoints; a violation is a {@link StorageException.Kind#MISCONFIGURED} naming the setting. */
  public static NetworkPlanes of(Settings settings, @Nullable URI publicEndpoint, @Nullable URI privateEndpoint,
      AddressKind.Resolver resolver) {
    if (publicEndpoint != null) {
      AddressKind kind = AddressKind.of(host(settings.publicEndpoint(), publicEndpoint), resolver);
      if (kind.privatePlane()) {
        throw misconfigured(settings.publicEndpoint() + " is " + publicEndpoint + ", a "
            + (kind == AddressKind.TAILNET ? "Tailscale" : "private") + " address: the public plane must be reachable "
            + "from the internet (the Cloudflare tunnel's hostname)");
      }
    }
    if (privateEndpoint != null) {
      AddressKind kind = AddressKind.of(host(settings.privateEndpoint(), privateEndpoint), resolver);
      if (!kind.privatePlane()) {
        throw misconfigured(settings.privateEndpoint() + " is " + privateEndpoint + ", "
            + (kind == AddressKind.UNRESOLVED ? "a name that does not resolve" : "a public address")
            + ": the private plane must be a Tailscale address (100.64.0.0/10, fd7a:115c:a1e0::/48, *.ts.net) or a private one");
      }
    }
    return new NetworkPlanes(settings, publicEndpoint, privateEndpoint);
  }

  public Selected select(Placement placement, PlaneChoice choice) {
    return switch (placement) {
      case VAST_INSTANCE -> switch (choice) {
        case PRIVATE -> throw misconfigured("the private plane is not allowed on a Vast instance: "
            + "instances reach the store only through the public endpoint (" + settings.publicEndpoint() + ")");
        case PUBLIC, AUTO -> selected(Plane.PUBLIC, publicEndpoint, "a Vast instance reaches the store only through it");
      };
      case LOCAL_RUNNER -> switch (choice) {
        case PUBLIC -> selected(Plane.PUBLIC, publicEndpoint, "the public plane was asked for");
        case PRIVATE -> selected(Plane.PRIVATE, privateEndpoint, "the private plane was asked for");
        case AUTO -> privateEndpoint != null ? selected(Plane.PRIVATE, privateEndpoint, "")
            : selected(Plane.PUBLIC, publicEndpoint, "no private endpoint is configured either");
      };
    };
  }

  public @Nullable URI publicEndpoint() {
    return publicEndpoint;
  }

  public @Nullable URI privateEndpoint() {
    return privateEndpoint;
  }

  private Selected selected(Plane plane, @Nullable URI endpoint, String why) {
    if (endpoint == null) {
      String setting = plane == Plane.PUBLIC ? settings.publicEndpoint() : settings.privateEndpoint();
      throw misconfigured("no " + plane.label() + " endpoint: set " + setting + (why.isEmpty() ? "" : " (" + why + ")"));
    }
    return new Selected(plane, endpoint);
  }

  private static String host(String setting, URI endpoint) {
    String host = endpoint.getHost();
    String scheme = endpoint.getScheme();
    if (host == null || scheme == null
        || !(scheme.toLowerCase(Locale.ROOT).equals("http") || scheme.toLowerCase(Locale.ROOT).equals("https"))) {
      throw misconfigured(setting + " must be an http(s) URL with a host, not " + endpoint);
    }
    return host;
  }

  private static StorageException misconfigured(String message) {
    return new StorageException(StorageException.Kind.MISCONFIGURED, message);
  }
}
