package dev.vastmesh.examples.controlplane;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Which processes one run starts and how they are wired: ports, tokens, secrets, Redis keys.
 *
 * @param ha two replicas each of registry, gateway and router, sharing state in Redis
 * @param portOffset added to every default port, so a test run does not meet a running demo. Every
 *     port stays below {@link #EPHEMERAL_PORTS_START}: Linux hands ports from there up to outgoing
 *     connections, and one of the many a test run opens can hold a listener's port at the moment
 *     it binds (CI runs with ports in 4xxxx saw exactly that).
 * @param fast test configuration: short TTLs, sweeps and claim times, a small benchmark
 * @param redisPrefix the prefix of every Redis key of this run (HA only)
 * @param redisHost the Redis the HA mode shares state in
 * @param extraWorkerArgs more worker options, after the defaults (tests point its reports at a double)
 */
public record Topology(boolean ha, int portOffset, boolean fast, String redisPrefix, String redisHost, int redisPort, Path repo,
    Path workDir, List<String> jvmOptions, List<String> extraWorkerArgs) {

  /** Where Linux's default {@code ip_local_port_range} starts. */
  public static final int EPHEMERAL_PORTS_START = 32_768;

  public Topology {
    if (portOffset < 0 || 8000 + portOffset >= EPHEMERAL_PORTS_START) {
      throw new IllegalArgumentException("port offset " + portOffset + " puts ports in the ephemeral range (from "
          + EPHEMERAL_PORTS_START + "); keep it between 0 and " + (EPHEMERAL_PORTS_START - 8001));
    }
    jvmOptions = List.copyOf(jvmOptions);
    extraWorkerArgs = List.copyOf(extraWorkerArgs);
  }

  public int workerPort() {
    return 3000 + portOffset;
  }

  public int modelPort() {
    return 8000 + portOffset;
  }

  public int agentPort() {
    return 4001 + portOffset;
  }

  /** Replica {@code i} (0 or 1) of the gateway. */
  public int gatewayPort(int i) {
    return 3001 + 10 * i + portOffset;
  }

  public int registryPort(int i) {
    return 3005 + 10 * i + portOffset;
  }

  public int routerPort(int i) {
    return 3006 + 10 * i + portOffset;
  }

  public int replicas() {
    return ha ? 2 : 1;
  }

  public Path modelLog() {
    return workDir.resolve("model.log");
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

  List<String> routerArgs(int replica, Credentials credentials) {
    List<String> args = new ArrayList<>(List.of(
        "--server.port=" + routerPort(replica),
        "--vastmesh.router.tokens[0].name=control-plane",
        "--vastmesh.router.tokens[0].value=" + credentials.router(),
        "--vastmesh.router.tokens[0].scopes=ingest,admin",
        "--vastmesh.router.agents.cluster-operator.url=" + url(agentPort()) + "/agents/cluster-operator/events",
        "--vastmesh.router.agents.cluster-operator.secret=" + credentials.clusterOperator(),
        "--vastmesh.router.agents.cost-intelligence-monitor.url=" + url(agentPort()) + "/agents/cost-intelligence-monitor/events",
        "--vastmesh.router.agents.cost-intelligence-monitor.secret=" + credentials.costMonitor()));
    if (ha) {
      args.addAll(redis());
      args.addAll(List.of("--vastmesh.router.state=redis",
          "--vastmesh.router.redis.stream=" + redisPrefix + "events",
          "--vastmesh.router.redis.key-prefix=" + redisPrefix + "router:",
          "--vastmesh.router.redis.consumer=router-" + (char) ('a' + replica),
          "--vastmesh.router.redis.claim-idle=" + (fast ? "3s" : "15s")));
    }
    return args;
  }

  List<String> registryArgs(int replica, Credentials credentials) {
    List<String> args = new ArrayList<>(List.of(
        "--server.port=" + registryPort(replica),
        "--vastmesh.registry.security.tokens[0].name=admin",
        "--vastmesh.registry.security.tokens[0].value=" + credentials.registryAdmin(),
        "--vastmesh.registry.security.tokens[0].scopes=admin",
        "--vastmesh.registry.security.tokens[1].name=workers",
        "--vastmesh.registry.security.tokens[1].value=" + credentials.registryRegister(),
        "--vastmesh.registry.security.tokens[1].scopes=register"));
    if (fast) {
      args.addAll(List.of("--vastmesh.registry.ttl.min=2s", "--vastmesh.registry.expiry.sweep-interval=500ms"));
    }
    if (ha) {
      args.addAll(redis());
      args.addAll(List.of("--vastmesh.registry.state=redis",
          "--vastmesh.registry.redis.key-prefix=" + redisPrefix + "registry:",
          "--vastmesh.registry.events.stream=" + redisPrefix + "events"));
    } else {
      args.addAll(List.of("--vastmesh.registry.events.router-url=" + url(routerPort(0)),
          "--vastmesh.registry.events.router-token=" + credentials.router()));
    }
    return args;
  }

  List<String> gatewayArgs(int replica, Credentials credentials) {
    List<String> args = new ArrayList<>(List.of(
        "--server.port=" + gatewayPort(replica),
        "--vastmesh.gateway.sources.workers.scheme=standard_webhooks",
        "--vastmesh.gateway.sources.workers.secrets[0]=" + credentials.workersSource(),
        "--vastmesh.gateway.sources.ci.scheme=standard_webhooks",
        "--vastmesh.gateway.sources.ci.secrets[0]=" + credentials.ciSource(),
        "--vastmesh.gateway.router.url=" + url(routerPort(replica)),
        "--vastmesh.gateway.router.token=" + credentials.router()));
    if (ha) {
      args.addAll(redis());
      args.addAll(List.of("--vastmesh.gateway.state=redis",
          "--vastmesh.gateway.redis.key-prefix=" + redisPrefix + "gateway:",
          "--vastmesh.gateway.redis.stream=" + redisPrefix + "events"));
    }
    return args;
  }

  List<String> workerArgs(Credentials credentials) {
    List<String> args = new ArrayList<>(List.of(
        "--server.port=" + workerPort(),
        "--vastmesh.worker.model-server=" + url(modelPort()),
        "--vastmesh.worker.token=" + credentials.worker(),
        "--vastmesh.worker.vast.unsecured=true",
        "--vastmesh.worker.vast.public-url=" + url(workerPort()),
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
        "--vastmesh.worker.registry.token=" + credentials.registryRegister(),
        "--vastmesh.worker.registry.instance-id=1001",
        "--vastmesh.worker.registry.ttl=" + workerTtl().toSeconds() + "s",
        "--vastmesh.worker.registry.environment=demo",
        "--vastmesh.worker.registry.gpu-type=CPU",
        "--vastmesh.worker.registry.gpu-name=cpu (all-MiniLM-L6-v2)",
        "--vastmesh.worker.registry.cost-per-hour=0.0",
        "--vastmesh.worker.events.gateway-url=" + url(gatewayPort(0)) + "/api/v1/webhooks/workers",
        "--vastmesh.worker.events.secret=" + credentials.workersSource(),
        "--vastmesh.worker.events.environment=demo"));
    args.addAll(extraWorkerArgs);
    return args;
  }
}
