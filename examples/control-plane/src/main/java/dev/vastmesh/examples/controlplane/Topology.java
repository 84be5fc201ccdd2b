package dev.vastmesh.examples.controlplane;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which processes one run starts and how they are wired: ports, tokens, secrets, Redis keys. Each
 * service's {@link Settings} keep its secrets off its command line.
 *
 * @param ha two replicas each of registry, gateway and router, sharing state in Redis
 * @param sim the vast-simulator instead of the local gpu-worker: the workers are the instances it rents
 * @param ports where each service listens
 * @param fast test configuration: short TTLs, sweeps and claim times, a small benchmark
 * @param redisPrefix the prefix of every Redis key of this run (HA only)
 * @param redisHost the Redis the HA mode shares state in
 * @param extraWorkerArgs more worker options, after the defaults (tests point its reports at a double)
 */
public record Topology(boolean ha, boolean sim, Ports ports, boolean fast, String redisPrefix, String redisHost, int redisPort, Path repo,
    Path workDir, List<String> jvmOptions, List<String> extraWorkerArgs) {

  public Topology {
    jvmOptions = List.copyOf(jvmOptions);
    extraWorkerArgs = List.copyOf(extraWorkerArgs);
  }

  public int workerPort() {
    return ports.worker();
  }

  public int modelPort() {
    return ports.model();
  }

  public int simulatorPort() {
    return ports.simulator();
  }

  public int agentPort() {
    return ports.agent();
  }

  /** Replica {@code i} (0 or 1) of the gateway. */
  public int gatewayPort(int i) {
    return ports.gateways().get(i);
  }

  public int registryPort(int i) {
    return ports.registries().get(i);
  }

  public int routerPort(int i) {
    return ports.routers().get(i);
  }

  public int replicas() {
    return ha ? 2 : 1;
  }

  public Path modelLog() {
    return workDir.resolve("model.log");
  }

  /** Where the run's credentials are, one file each, readable only by this user. */
  public Path credentialsDir() {
    return workDir.resolve("credentials");
  }

  /** The worker's registration TTL; the registry declares it gone this long after its last heartbeat. */
  public Duration workerTtl() {
    return fast ? Duration.ofSeconds(6) : Duration.ofSeconds(30);
  }

  static String url(int port) {
    return "http://127.0.0.1:" + port;
  }

  private List<String> redis() {
    return List.of("--spring.data.redis.host=" + redisHost, "--spring.data.redis.port=" + redisPort);
  }

  Settings router(int replica, Credentials credentials) {
    List<String> args = new ArrayList<>(List.of(
        "--server.port=" + routerPort(replica),
        "--vastmesh.router.agents.cluster-operator.url=" + url(agentPort()) + "/agents/cluster-operator/events",
        "--vastmesh.router.agents.cost-intelligence-monitor.url=" + url(agentPort()) + "/agents/cost-intelligence-monitor/events"));
    Map<String, String> secrets = Map.of(
        "vastmesh.router.tokens[0].name", "control-plane",
        "vastmesh.router.tokens[0].value", credentials.router(),
        "vastmesh.router.tokens[0].scopes", "ingest,admin",
        "vastmesh.router.agents.cluster-operator.secret", credentials.clusterOperator(),
        "vastmesh.router.agents.cost-intelligence-monitor.secret", credentials.costMonitor());
    if (ha) {
      args.addAll(redis());
      args.addAll(List.of("--vastmesh.router.state=redis",
          "--vastmesh.router.redis.stream=" + redisPrefix + "events",
          "--vastmesh.router.redis.key-prefix=" + redisPrefix + "router:",
          "--vastmesh.router.redis.consumer=router-" + (char) ('a' + replica),
          "--vastmesh.router.redis.claim-idle=" + (fast ? "3s" : "15s")));
    }
    return new Settings(args, secrets);
  }

  Settings registry(int replica, Credentials credentials) {
    List<String> args = new ArrayList<>(List.of("--server.port=" + registryPort(replica)));
    Map<String, String> secrets = new LinkedHashMap<>(Map.of(
        "vastmesh.registry.security.tokens[0].name", "admin",
        "vastmesh.registry.security.tokens[0].value", credentials.registryAdmin(),
        "vastmesh.registry.security.tokens[0].scopes", "admin",
        "vastmesh.registry.security.tokens[1].name", "workers",
        "vastmesh.registry.security.tokens[1].value", credentials.registryRegister(),
        "vastmesh.registry.security.tokens[1].scopes", "register"));
    if (fast) {
      args.addAll(List.of("--vastmesh.registry.ttl.min=2s", "--vastmesh.registry.expiry.sweep-interval=500ms"));
    }
    if (ha) {
      args.addAll(redis());
      args.addAll(List.of("--vastmesh.registry.state=redis",
          "--vastmesh.registry.redis.key-prefix=" + redisPrefix + "registry:",
          "--vastmesh.registry.events.stream=" + redisPrefix + "events"));
    } else {
      args.add("--vastmesh.registry.events.router-url=" + url(routerPort(0)));
      secrets.put("vastmesh.registry.events.router-token", credentials.router());
    }
    return new Settings(args, secrets);
  }

  Settings gateway(int replica, Credentials credentials) {
    List<String> args = new ArrayList<>(List.of(
        "--server.port=" + gatewayPort(replica),
        "--vastmesh.gateway.sources.workers.scheme=standard_webhooks",
        "--vastmesh.gateway.sources.ci.scheme=standard_webhooks",
        "--vastmesh.gateway.router.url=" + url(routerPort(replica))));
    Map<String, String> secrets = Map.of(
        "vastmesh.gateway.sources.workers.secrets[0]", credentials.workersSource(),
        "vastmesh.gateway.sources.ci.secrets[0]", credentials.ciSource(),
        "vastmesh.gateway.router.token", credentials.router());
    if (ha) {
      args.addAll(redis());
      args.addAll(List.of("--vastmesh.gateway.state=redis",
          "--vastmesh.gateway.redis.key-prefix=" + redisPrefix + "gateway:",
          "--vastmesh.gateway.redis.stream=" + redisPrefix + "events"));
    }
    return new Settings(args, secrets);
  }

  Settings worker(Credentials credentials) {
    List<String> args = new ArrayList<>(List.of(
        "--server.port=" + workerPort(),
        "--vastmesh.worker.vast.unsecured=true",
        "--vastmesh.worker.vast.public-url=" + url(workerPort()),
        "--vastmesh.worker.registry.instance-id=1001"));
    args.addAll(workerOptions());
    args.addAll(extraWorkerArgs);
    return new Settings(args, Map.of(
        "vastmesh.worker.token", credentials.worker(),
        "vastmesh.worker.registry.token", credentials.registryRegister(),
        "vastmesh.worker.events.secret", credentials.workersSource()));
  }

  /**
   * What every gpu-worker of the run is told, the local one and each simulated instance's: the
   * shared model server, the embeddings handler, the registry and the gateway. No secrets.
   */
  List<String> workerOptions() {
    return List.of(
        "--vastmesh.worker.model-server=" + url(modelPort()),
        // Embeddings: workload = number of inputs, parallel requests.
        "--vastmesh.worker.handlers[0].route=/v1/embeddings",
        "--vastmesh.worker.handlers[0].workload=array-length:/input",
        "--vastmesh.worker.handlers[0].allow-parallel-requests=true",
        "--vastmesh.worker.handlers[0].benchmark-payload={\"input\":[\"a GPU worker on Vast.ai\",\"the control plane routes events\","
            + "\"embeddings for semantic search\",\"cheap and safe GPUs\"]}",
        "--vastmesh.worker.startup.model-log=" + modelLog(),
        "--vastmesh.worker.startup.on-load=Application startup complete",
        "--vastmesh.worker.startup.on-error=RuntimeError,CUDA out of memory",
        "--vastmesh.worker.startup.health-endpoint=/health",
        "--vastmesh.worker.startup.benchmark-runs=" + (fast ? 2 : 4),
        "--vastmesh.worker.startup.benchmark-concurrency=4",
        "--vastmesh.worker.registry.url=" + url(registryPort(0)),
        "--vastmesh.worker.registry.ttl=" + workerTtl().toSeconds() + "s",
        "--vastmesh.worker.registry.environment=demo",
        "--vastmesh.worker.registry.gpu-type=CPU",
        "--vastmesh.worker.registry.gpu-name=cpu (all-MiniLM-L6-v2)",
        "--vastmesh.worker.registry.cost-per-hour=0.0",
        "--vastmesh.worker.events.gateway-url=" + url(gatewayPort(0)) + "/api/v1/webhooks/workers",
        "--vastmesh.worker.events.environment=demo");
  }
}
