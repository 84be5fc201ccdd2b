package dev.vastmesh.registry.instance;

import dev.vastmesh.events.payload.RentalType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An instance as the registry knows it: what it registered with, plus the registry's
 * bookkeeping. This is the API representation too (snake_case on the wire); it holds no secret.
 */
public record RegisteredInstance(
    long instanceId,
    @Nullable Long contractId,
    @Nullable String tailscaleIp,
    @Nullable String tailscaleHostname,
    List<String> capabilities,
    InstanceStatus status,
    @Nullable String environment,
    @Nullable String triggerId,
    @Nullable String gpuType,
    @Nullable String gpuName,
    @Nullable BigDecimal costPerHour,
    @Nullable String workerUrl,
    @Nullable Integer numGpus,
    @Nullable Long machineId,
    @Nullable RentalType offerType,
    Map<String, String> labels,
    long ttlSeconds,
    Instant registeredAt,
    Instant lastHeartbeat,
    Instant expiresAt,
    @Nullable Double curLoad,
    @Nullable Double maxPerf,
    @Nullable Integer requestsWorking,
    @Nullable String healthNote) {

  public RegisteredInstance {
    capabilities = List.copyOf(capabilities);
    labels = Map.copyOf(labels);
  }

  /** Whether the instance's TTL has run out at {@code now}: it expires exactly at {@code last_heartbeat + ttl}. */
  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** This instance after a heartbeat at {@code now}. */
  public RegisteredInstance renewed(Instant now, Heartbeat heartbeat) {
    return new RegisteredInstance(instanceId, contractId, tailscaleIp, tailscaleHostname, capabilities,
        heartbeat.status() != null ? heartbeat.status() : status, environment, triggerId, gpuType, gpuName,
        costPerHour, workerUrl, numGpus, machineId, offerType, labels, ttlSeconds, registeredAt, now,
        now.plusSeconds(ttlSeconds),
        heartbeat.curLoad() != null ? heartbeat.curLoad() : curLoad,
        heartbeat.maxPerf() != null ? heartbeat.maxPerf() : maxPerf,
        heartbeat.requestsWorking() != null ? heartbeat.requestsWorking() : requestsWorking,
        heartbeat.note() != null ? heartbeat.note() : healthNote);
  }
}
