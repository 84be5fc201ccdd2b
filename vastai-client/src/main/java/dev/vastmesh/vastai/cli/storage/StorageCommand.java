package dev.vastmesh.vastai.cli.storage;

import dev.vastmesh.storage.StorageClient;
import dev.vastmesh.storage.StorageException;
import dev.vastmesh.storage.StorageSettings;
import dev.vastmesh.storage.planes.AddressKind;
import dev.vastmesh.storage.planes.NetworkPlanes;
import dev.vastmesh.storage.planes.Placement;
import dev.vastmesh.storage.planes.PlaneChoice;
import dev.vastmesh.storage.tailscale.TailscaleDiscovery;
import dev.vastmesh.vastai.cli.VastCli;
import java.net.URI;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The store's endpoints and keys, from options or the environment, and the plane rule applied to
 * them before anything is sent. Keys come only from {@code MINIO_ACCESS_KEY}/{@code
 * MINIO_SECRET_KEY} or the AWS chain, never from an argument (arguments end up in CI logs).
 */
@Command(name = "storage", mixinStandardHelpOptions = true,
    description = "Artifacts on the NAS over S3: ls, cp, sync, presign, check-planes.",
    subcommands = {ListCommand.class, CopyCommand.class, SyncCommand.class, PresignCommand.class, CheckPlanesCommand.class})
public final class StorageCommand {

  static final NetworkPlanes.Settings SETTINGS = new NetworkPlanes.Settings("--public-endpoint/STORAGE_PUBLIC_ENDPOINT",
      "--private-endpoint/STORAGE_PRIVATE_ENDPOINT");

  @Spec CommandSpec spec;

  Map<String, String> env() {
    return ((VastCli) spec.root().userObject()).environment();
  }

  Placement placement() {
    return Placement.detect(env());
  }

  /** Both planes, checked; the private endpoint discovered on the tailnet when asked and allowed. */
  NetworkPlanes planes(StorageOptions options, PlaneChoice choice) {
    Map<String, String> env = env();
    URI pub = options.publicEndpoint != null ? options.publicEndpoint : uri(env.get("STORAGE_PUBLIC_ENDPOINT"), "STORAGE_PUBLIC_ENDPOINT");
    URI priv = options.privateEndpoint != null ? options.privateEndpoint : uri(env.get("STORAGE_PRIVATE_ENDPOINT"), "STORAGE_PRIVATE_ENDPOINT");
    String peer = options.tailscalePeer != null ? options.tailscalePeer : env.get("STORAGE_TAILSCALE_PEER");
    if (priv == null && peer != null && !peer.isBlank() && choice != PlaneChoice.PUBLIC && placement() == Placement.LOCAL_RUNNER) {
      priv = new TailscaleDiscovery(options.tailscaleSocket).find(peer).endpoint(options.tailscalePort);
    }
    return NetworkPlanes.of(SETTINGS, pub, priv, AddressKind.Resolver.DNS);
  }

  StorageClient open(PlaneChoice choice, StorageOptions options) {
    NetworkPlanes.Selected selected = planes(options, choice).select(placement(), choice);
    StorageSettings settings = StorageSettings.defaults(env());
    settings = new StorageSettings(settings.region(), settings.keys(), true, options.multipartThresholdMib * StorageSettings.MIB,
        options.partSizeMib * StorageSettings.MIB, options.connections, settings.callTimeout());
    return StorageClient.open(selected.endpoint(), settings);
  }

  private static @Nullable URI uri(@Nullable String value, String setting) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return URI.create(value.strip());
    } catch (IllegalArgumentException e) {
      throw new StorageException(StorageException.Kind.MISCONFIGURED, setting + " is not a URL: " + value);
    }
  }
}
