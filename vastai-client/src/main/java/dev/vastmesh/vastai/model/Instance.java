package dev.vastmesh.vastai.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A rented instance as Vast reports it. {@code actualStatus} is null, loading, running, stopped,
 * frozen, exited, rebooting, unknown or offline; {@code isBid} tells an interruptible rental from
 * an on-demand one. Prices: {@code dphTotal} $/h = {@code dphBase} (GPU) + {@code storageTotalCost}
 * ($/h of the allocated disk, billed in every state but offline); {@code storageCost} is $/GB/month.
 * Unknown fields are ignored.
 */
public record Instance(
    long id,
    @Nullable Long machineId,
    @Nullable String actualStatus,
    @Nullable String intendedStatus,
    @Nullable String curState,
    @Nullable String nextState,
    @Nullable String statusMsg,
    @Nullable String label,
    @Nullable String gpuName,
    @Nullable Integer numGpus,
    @Nullable Double gpuRam,
    @Nullable Double cpuRam,
    @Nullable Double dphTotal,
    @Nullable Double diskSpace,
    @Nullable Double startDate,
    @Nullable String publicIpaddr,
    @Nullable String sshHost,
    @Nullable Integer sshPort,
    @Nullable Map<String, @Nullable List<PortBinding>> ports,
    @Nullable String geolocation,
    @Nullable Double reliability2,
    @Nullable Boolean isBid,
    @Nullable Double dphBase,
    @Nullable Double storageCost,
    @Nullable Double storageTotalCost) {

  private static final Set<String> TERMINAL = Set.of("exited", "unknown", "offline");

  /** A container port mapped to a host port. */
  public record PortBinding(@JsonProperty("HostIp") @Nullable String hostIp, @JsonProperty("HostPort") @Nullable String hostPort) {
  }

  /** Whether polling should stop: the instance will not come up. */
  public boolean terminal() {
    return actualStatus != null && TERMINAL.contains(actualStatus);
  }

  /** An interruptible instance that lost its bid shows stopped in all three states. */
  public boolean outbid() {
    return "stopped".equals(curState) && "stopped".equals(intendedStatus) && "stopped".equals(nextState);
  }

  /** The public host port of a container port such as {@code 3000/tcp}, if mapped. */
  public @Nullable String hostPort(String containerPort) {
    if (ports == null || ports.get(containerPort) == null || ports.get(containerPort).isEmpty()) {
      return null;
    }
    return ports.get(containerPort).getFirst().hostPort();
  }
}
