package dev.vastmesh.vastai.cli.storage;

import dev.vastmesh.storage.planes.PlaneChoice;
import dev.vastmesh.storage.tailscale.TailscaleDiscovery;
import java.net.URI;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The options every storage command shares: where the store is, on which plane, how transfers go. */
final class StorageOptions {

  @Option(names = "--public-endpoint", description = "the store through the Cloudflare tunnel, e.g. https://storage.example.com (STORAGE_PUBLIC_ENDPOINT)")
  @Nullable URI publicEndpoint;

  @Option(names = "--private-endpoint", description = "the store on the tailnet, e.g. http://nas.tailnet.ts.net:9000 (STORAGE_PRIVATE_ENDPOINT)")
  @Nullable URI privateEndpoint;

  @Option(names = "--tailscale-peer", description = "find the private endpoint on the tailnet: a tag (tag:nas) or MagicDNS name (STORAGE_TAILSCALE_PEER)")
  @Nullable String tailscalePeer;

  @Option(names = "--tailscale-socket", description = "tailscaled's LocalAPI socket")
  Path tailscaleSocket = TailscaleDiscovery.DEFAULT_SOCKET;

  @Option(names = "--tailscale-port", description = "MinIO's port on the peer")
  int tailscalePort = 9000;

  @Option(names = "--plane", defaultValue = "auto", description = "public, private or auto (a Vast instance: public only; "
      + "elsewhere: private when configured)")
  String plane = "auto";

  @Option(names = "--part-size", defaultValue = "8", description = "MiB per part of a multipart transfer")
  long partSizeMib = 8;

  // One request per file up to here: a multipart upload costs the store an assembly step (a
  // copy, on file-system backed stores), which on many mid-sized files outweighs the parallelism.
  @Option(names = "--multipart-threshold", defaultValue = "64", description = "MiB from which a file goes in parts")
  long multipartThresholdMib = 64;

  @Option(names = "--connections", defaultValue = "32", description = "HTTP connections at once")
  int connections = 32;

  @Option(names = "--no-progress", description = "no progress bar on stderr")
  boolean noProgress;

  PlaneChoice choice() {
    return PlaneChoice.parse(plane);
  }
}
