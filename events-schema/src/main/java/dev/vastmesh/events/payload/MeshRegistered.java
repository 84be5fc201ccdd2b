package dev.vastmesh.events.payload;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An instance registered (or re-registered) in the registry ({@code vastai.mesh.registered}).
 *
 * @param capabilities what the worker serves, e.g. {@code inference}, {@code embeddings}
 * @param labels the registration's labels (bounded by the registry)
 * @param expiresAt when the registration expires unless a heartbeat arrives first
 */
public record MeshRegistered(
    @Constraints.Min(1) long instanceId,
    @Nullable Long contractId,
    @Nullable String workerUrl,
    @Nullable String tailscaleHostname,
    @Nullable String tailscaleIp,
    List<String> capabilities,
    @Nullable String gpuType,
    @Nullable String gpuName,
    @Nullable @Constraints.Min(1) Integer numGpus,
    @Nullable @Constraints.Min(0) BigDecimal costPerHour,
    Map<String, String> labels,
    Instant expiresAt) implements MeshPayload {

  public MeshRegistered {
    capabilities = Copies.list(capabilities);
    labels = Copies.map(labels);
  }
}
