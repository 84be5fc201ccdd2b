package dev.vastmesh.worker.artifacts;

import dev.vastmesh.storage.StorageClient;
import dev.vastmesh.storage.StorageException;
import dev.vastmesh.storage.StorageSettings;
import dev.vastmesh.storage.planes.AddressKind;
import dev.vastmesh.storage.planes.NetworkPlanes;
import dev.vastmesh.storage.planes.Placement;
import dev.vastmesh.storage.planes.PlaneChoice;
import java.util.Map;

/**
 * The store for {@code s3://} addresses, with the plane rule applied: only where the worker runs
 * outside Vast, since an {@code s3://} address needs keys and keys never go to an instance.
 */
final class StoreAccess {

  static final NetworkPlanes.Settings SETTINGS = new NetworkPlanes.Settings(ArtifactsProperties.PREFIX + ".store.public-endpoint",
      ArtifactsProperties.PREFIX + ".store.private-endpoint");

  private StoreAccess() {
  }

  static StorageClient open(ArtifactsProperties.Store store, String plane, String setting, Map<String, String> env) {
    if (Placement.detect(env) == Placement.VAST_INSTANCE) {
      throw new StorageException(StorageException.Kind.MISCONFIGURED, setting + " is an s3:// address, which needs keys, and keys "
          + "never go to a Vast instance: give a presigned URL instead (vastai storage presign)");
    }
    NetworkPlanes planes = NetworkPlanes.of(SETTINGS, store.publicEndpoint(), store.privateEndpoint(), AddressKind.Resolver.DNS);
    NetworkPlanes.Selected selected = planes.select(Placement.detect(env), PlaneChoice.parse(plane));
    StorageSettings defaults = StorageSettings.defaults(env);
    return StorageClient.open(selected.endpoint(), new StorageSettings(store.region(), defaults.keys(), true,
        defaults.multipartThreshold(), defaults.partSize(), defaults.maxConcurrency(), defaults.callTimeout()));
  }
}
