package dev.vastmesh.examples.controlplane;

import dev.vastmesh.events.StandardWebhooks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The secrets one run of the control plane shares between its services, generated fresh for
 * each run: nothing is a default a stranger could guess. They are never printed: the ones a user
 * needs are written to files only this user can read ({@link #writeTo}), and the services get
 * theirs through their environment or a file, never their command line.
 *
 * @param registryAdmin the registry's admin token (list, inspect, deregister)
 * @param registryRegister the worker's registry token (register scope only)
 * @param router the router's service token (ingest and admin) used by the registry and gateway
 * @param worker the worker's bearer token for plain pass-through calls
 * @param workersSource the gateway source the workers sign their events for
 * @param ciSource the gateway source CI pipelines sign deployment events for
 * @param clusterOperator the signing secret of deliveries to the cluster-operator agent
 * @param costMonitor the signing secret of deliveries to the cost-intelligence-monitor agent
 * @param vastKey the vast-simulator's Vast API key ({@code ./vastmesh sim})
 * @param simulatorAdmin the vast-simulator's admin token (faults, status)
 */
public record Credentials(String registryAdmin, String registryRegister, String router, String worker, String workersSource,
    String ciSource, String clusterOperator, String costMonitor, String vastKey, String simulatorAdmin) {

  /** The files {@link #writeTo} writes, by name in its directory. */
  static final String REGISTRY_ADMIN_FILE = "registry-admin-token";
  static final String WORKER_FILE = "worker-token";
  static final String CI_SOURCE_FILE = "ci-webhook-secret";
  static final String ROUTER_FILE = "router-token";
  static final String VAST_KEY_FILE = "vast-api-key";
  static final String SIMULATOR_ADMIN_FILE = "simulator-admin-token";
  /** What a simulated instance's gpu-worker reads at start: its registry token and its events' secret. */
  static final String WORKER_REGISTRY_FILE = "worker-registry-token";
  static final String WORKERS_SOURCE_FILE = "workers-webhook-secret";
  /** The demo agent's {@code name=secret} lines. */
  static final String AGENTS_FILE = "agent-secrets.properties";

  private static final SecureRandom RANDOM = new SecureRandom();

  public static Credentials generate() {
    return new Credentials(token("vmadm_"), token("vmreg_"), token("vmrt_"), token("vmwk_"), whsec(), whsec(), whsec(), whsec(),
        token("vmvast_"), token("vmsim_"));
  }

  private static String token(String prefix) {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return prefix + HexFormat.of().formatHex(bytes);
  }

  private static String whsec() {
    return StandardWebhooks.generateSecret();
  }

  /** Every secret of the run, for checks that none leaked. */
  public List<String> values() {
    return List.of(registryAdmin, registryRegister, router, worker, workersSource, ciSource, clusterOperator, costMonitor,
        vastKey, simulatorAdmin);
  }

  /**
   * Writes the secrets a user needs, and the demo agent's, each to a file in {@code directory}
   * that only this user may read, created so rather than narrowed after.
   */
  void writeTo(Path directory) throws IOException {
    Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    write(directory.resolve(REGISTRY_ADMIN_FILE), registryAdmin);
    write(directory.resolve(WORKER_FILE), worker);
    write(directory.resolve(CI_SOURCE_FILE), ciSource);
    write(directory.resolve(ROUTER_FILE), router);
    write(directory.resolve(AGENTS_FILE), "cluster-operator=" + clusterOperator + "\ncost-intelligence-monitor=" + costMonitor + "\n");
  }

  /**
   * With the simulator, also its Vast key and admin token for the user, and the secrets its
   * instances' workers read from here at start (a container command is a command line).
   */
  void writeSimulatorFilesTo(Path directory) throws IOException {
    write(directory.resolve(VAST_KEY_FILE), vastKey);
    write(directory.resolve(SIMULATOR_ADMIN_FILE), simulatorAdmin);
    write(directory.resolve(WORKER_REGISTRY_FILE), registryRegister);
    write(directory.resolve(WORKERS_SOURCE_FILE), workersSource);
  }

  private static void write(Path file, String content) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "Credentials[<redacted>]";
  }
}
