package dev.vastmesh.examples.controlplane;

import dev.vastmesh.events.StandardWebhooks;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The secrets one run of the control plane shares between its services, generated fresh for
 * each run: nothing is a default a stranger could guess.
 *
 * @param registryAdmin the registry's admin token (list, inspect, deregister)
 * @param registryRegister the worker's registry token (register scope only)
 * @param router the router's service token (ingest and admin) used by the registry and gateway
 * @param worker the worker's bearer token for plain pass-through calls
 * @param workersSource the gateway source the workers sign their events for
 * @param ciSource the gateway source CI pipelines sign deployment events for
 * @param clusterOperator the signing secret of deliveries to the cluster-operator agent
 * @param costMonitor the signing secret of deliveries to the cost-intelligence-monitor agent
 */
public record Credentials(String registryAdmin, String registryRegister, String router, String worker, String workersSource,
    String ciSource, String clusterOperator, String costMonitor) {

  private static final SecureRandom RANDOM = new SecureRandom();

  public static Credentials generate() {
    return new Credentials(token("vmadm_"), token("vmreg_"), token("vmrt_"), token("vmwk_"), whsec(), whsec(), whsec(), whsec());
  }

  private static String token(String prefix) {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return prefix + HexFormat.of().formatHex(bytes);
  }

  private static String whsec() {
    return StandardWebhooks.generateSecret();
  }

  @Override
  public String toString() {
    return "Credentials[<redacted>]";
  }
}
