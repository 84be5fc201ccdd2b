package dev.vastmesh.examples.controlplane;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The whole control plane on one machine, every service a real process: the embeddings model
 * server, the demo agent, the event router, the registry, the webhook gateway and a gpu-worker
 * in front of the model server — or, with {@code --ha}, two replicas each of router, registry and
 * gateway sharing the local Redis; or, with {@code --sim}, the vast-simulator instead of the local
 * gpu-worker, renting instances that run one each. Fresh credentials each run. Closing stops everything, workers
 * first, so nothing is left running.
 *
 * <p>Usage: {@code java -jar control-plane.jar [--ha | --sim] [--repo=DIR] [--work-dir=DIR] [--port-offset=N]
 * [--ports=name=port,...]}; the jars are taken from each module's {@code target} folder under the
 * repository. The credentials go to {@code <work dir>/credentials/}, one file each, readable only
 * by this user.
 */
public final class ControlPlane implements AutoCloseable {

  /** The services that are Spring Boot applications: they start from an extraction and a cache. */
  private static final java.util.Set<String> BOOT_SERVICES = java.util.Set.of("event-router", "registry-service",
      "webhook-gateway", "gpu-worker");

  private final Topology topology;
  private final Credentials credentials;
  private final @org.jspecify.annotations.Nullable FastStart fastStart;
  private final List<ServiceProcess> processes = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private ControlPlane(Topology topology, Credentials credentials, @org.jspecify.annotations.Nullable FastStart fastStart) {
    this.topology = topology;
    this.credentials = credentials;
    this.fastStart = fastStart;
  }

  public static void main(String[] args) throws Exception {
    boolean ha = false;
    boolean sim = false;
    Path repo = Path.of("").toAbsolutePath();
    Path workDir = null;
    Ports ports = Ports.defaults();
    for (String arg : args) {
      if (arg.equals("--ha")) {
        ha = true;
      } else if (arg.equals("--sim")) {
        sim = true;
      } else if (arg.startsWith("--port-offset=")) {
        ports = Ports.offset(Integer.parseInt(arg.substring(14)));
      } else if (arg.startsWith("--ports=")) {
        ports = ports.with(arg.substring(8));
      } else if (arg.startsWith("--repo=")) {
        repo = Path.of(arg.substring(7)).toAbsolutePath();
      } else if (arg.startsWith("--work-dir=")) {
        workDir = Path.of(arg.substring(11)).toAbsolutePath();
      } else {
        System.err.println("usage: control-plane [--ha | --sim] [--repo=DIR] [--work-dir=DIR] [--port-offset=N] [--ports=name=port,...]");
        System.exit(2);
      }
    }
    if (ha && sim) {
      System.err.println("control-plane: --ha and --sim are not combined (the simulator's workers use one registry)");
      System.exit(2);
    }
    if (workDir == null) {
      workDir = Files.createTempDirectory("vastmesh-");
    }
    Topology topology = new Topology(ha, sim, ports, false, newRedisPrefix(), System.getenv().getOrDefault("REDIS_HOST", "127.0.0.1"),
        Integer.parseInt(System.getenv().getOrDefault("REDIS_PORT", "6379")), repo, workDir, List.of(), List.of());
    ControlPlane plane = new ControlPlane(topology, Credentials.generate(), FastStart.forThisJvm());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("\nvastmesh: stopping ...");
      plane.close();
      System.out.println("vastmesh: stopped; logs are in " + topology.workDir());
    }));
    try {
      plane.start(System.out);
    } catch (RuntimeException e) {
      System.err.println("vastmesh: " + e.getMessage());
      System.exit(1);
    }
    new Banner(topology).print(System.out);
    System.out.println("(each service logs to its own file in " + topology.workDir() + ")");
    System.out.println();
    plane.followAgent(System.out);
  }

  /** A run for tests: ports of their own (from the OS), test timings, extra JVM and worker options. */
  public static ControlPlane forTests(boolean ha, Ports ports, String redisHost, int redisPort, Path repo, Path workDir,
      List<String> extraWorkerArgs) {
    return new ControlPlane(new Topology(ha, false, ports, true, newRedisPrefix(), redisHost, redisPort, repo, workDir,
        List.of("-XX:TieredStopAtLevel=1"), extraWorkerArgs), Credentials.generate(), null);
  }

  /** A {@code --sim} run for tests: ports of their own, test timings. */
  public static ControlPlane forSimulatorTests(Ports ports, Path repo, Path workDir) {
    return new ControlPlane(new Topology(false, true, ports, true, newRedisPrefix(), "127.0.0.1", 6379, repo, workDir,
        List.of("-XX:TieredStopAtLevel=1"), List.of()), Credentials.generate(), null);
  }

  static String newRedisPrefix() {
    byte[] bytes = new byte[4];
    ThreadLocalRandom.current().nextBytes(bytes);
    return "vastmesh:demo:" + HexFormat.of().formatHex(bytes) + ":";
  }

  public Topology topology() {
    return topology;
  }

  public Credentials credentials() {
    return credentials;
  }

  /** Starts every process, then waits until each answers its readiness probe. */
  public void start(PrintStream out) throws IOException, InterruptedException {
    Files.createDirectories(topology.workDir());
    Files.deleteIfExists(topology.modelLog());
    credentials.writeTo(topology.credentialsDir());
    if (topology.sim()) {
      credentials.writeSimulatorFilesTo(topology.credentialsDir());
    }
    if (fastStart != null) {
      fastStart.prepare(List.of(
          new FastStart.Service(jar("event-router", "event-router"), JVM_OPTIONS, topology.router(0, credentials)),
          new FastStart.Service(jar("registry-service", "registry-service"), JVM_OPTIONS, topology.registry(0, credentials)),
          new FastStart.Service(jar("webhook-gateway", "webhook-gateway"), JVM_OPTIONS, topology.gateway(0, credentials)),
          new FastStart.Service(jar("gpu-worker", "gpu-worker"), JVM_OPTIONS, topology.worker(credentials))), out);
    }
    out.println("vastmesh: starting the control plane" + (topology.ha() ? " (HA: 2 replicas each, state in Redis)" : "")
        + (topology.sim() ? " with the vast-simulator" : "")
        + "; logs in " + topology.workDir());
    add("embeddings-model-server", jar("examples/embeddings-model-server", "embeddings-model-server"),
        new Settings(List.of("--port=" + topology.modelPort(), "--log-file=" + topology.modelLog()), Map.of()),
        topology.modelPort(), "/health");
    add("demo-agent", jar("examples/demo-agent", "demo-agent"), new Settings(List.of("--port=" + topology.agentPort(),
        "--secrets=" + topology.credentialsDir().resolve(Credentials.AGENTS_FILE)), Map.of()), topology.agentPort(), "/received");
    for (int i = 0; i < topology.replicas(); i++) {
      add(replicaName("event-router", i), jar("event-router", "event-router"), topology.router(i, credentials),
          topology.routerPort(i), "/actuator/health/readiness");
    }
    for (int i = 0; i < topology.replicas(); i++) {
      add(replicaName("registry-service", i), jar("registry-service", "registry-service"), topology.registry(i, credentials),
          topology.registryPort(i), "/actuator/health/readiness");
      add(replicaName("webhook-gateway", i), jar("webhook-gateway", "webhook-gateway"), topology.gateway(i, credentials),
          topology.gatewayPort(i), "/actuator/health/readiness");
    }
    if (topology.sim()) {
      // Its instances' workers need the registry and the gateway up: it starts last, as the worker does.
      jar("gpu-worker", "gpu-worker");
      add("vast-simulator", jar("vast-simulator", "vast-simulator"), new SimulatedFleet(topology).simulator(credentials),
          topology.simulatorPort(), "/actuator/health");
    } else {
      add("gpu-worker", jar("gpu-worker", "gpu-worker"), topology.worker(credentials), topology.workerPort(),
          "/actuator/health/readiness");
    }
    if (topology.ha() && !redisAnswers(topology.redisHost(), topology.redisPort())) {
      throw new IllegalStateException("HA mode needs Redis, and none answers on " + topology.redisHost() + ":" + topology.redisPort()
          + " (start one: redis-server --daemonize yes --port 6379, or set REDIS_HOST and REDIS_PORT)");
    }
    List<Integer> busy = ports.stream().filter(port -> !free(port)).toList();
    if (!busy.isEmpty()) {
      // Another run (or anything else) holds the port: its answers would pass for ours.
      throw new IllegalStateException("ports already in use on 127.0.0.1: " + busy + " (is another vastmesh running?)");
    }
    // The worker starts last: once its model is loaded it registers and reports at once, and
    // the demo should show that, not retries against services still starting.
    List<ServiceProcess> services = processes.subList(0, processes.size() - 1);
    for (ServiceProcess process : services) {
      process.start();
    }
    for (ServiceProcess process : services) {
      process.awaitReady(http, Duration.ofSeconds(180));
      out.println("vastmesh: " + process.name() + " is up");
    }
    ServiceProcess last = processes.getLast();
    last.start();
    last.awaitReady(http, Duration.ofSeconds(180));
    out.println("vastmesh: " + last.name() + " is up" + (topology.sim() ? " (each instance it rents runs a gpu-worker)"
        : " (it registers once the model is loaded and benchmarked)"));
  }

  private String replicaName(String service, int replica) {
    return topology.ha() ? service + "-" + (char) ('a' + replica) : service;
  }

  private Path jar(String module, String name) {
    Path jar = topology.repo().resolve(module).resolve("target").resolve(name + ".jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("missing " + jar + ": build first (./mvnw package -DskipTests)");
    }
    return jar;
  }

  private static final Path SETSID = Path.of("/usr/bin/setsid");

  static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx512m",
      "-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED");

  private void add(String name, Path jar, Settings settings, int port, String readiness) throws IOException {
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(SETSID)) {
      // A session of its own: Ctrl-C in the terminal reaches only the launcher, which then stops
      // the services in dependency order instead of the terminal interrupting all at once.
      command.add(SETSID.toString());
    }
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(JVM_OPTIONS);
    command.addAll(topology.jvmOptions());
    if (fastStart != null && BOOT_SERVICES.contains(jar.getFileName().toString().replaceFirst("\\.jar$", ""))) {
      command.addAll(fastStart.launch(jar));
    } else {
      command.add("-jar");
      command.add(jar.toString());
    }
    command.addAll(settings.args());
    ports.add(port);
    processes.add(new ServiceProcess(name, command, settings.environment(), topology.workDir().resolve(name + ".log"),
        URI.create(Topology.url(port) + readiness)));
  }

  private static boolean redisAnswers(String host, int port) {
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress(host, port), 1000);
      socket.setSoTimeout(2000);
      socket.getOutputStream().write("PING\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      byte[] reply = socket.getInputStream().readNBytes(5);
      // +PONG, or -NOAUTH from a Redis that wants a password: either way a Redis is there.
      String text = new String(reply, java.nio.charset.StandardCharsets.US_ASCII);
      return text.startsWith("+PONG") || text.startsWith("-NOAU");
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean free(int port) {
    try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
      socket.bind(new java.net.InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public Optional<ServiceProcess> process(String name) {
    return processes.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** Every process of the run, in start order. */
  public List<ServiceProcess> processes() {
    return List.copyOf(processes);
  }

  /** Prints the demo agent's lines as they are written, until interrupted. */
  private void followAgent(PrintStream out) throws IOException, InterruptedException {
    Path log = process("demo-agent").orElseThrow().log();
    long position = 0;
    while (true) {
      long size = Files.size(log);
      if (size > position) {
        try (var channel = java.nio.channels.FileChannel.open(log)) {
          var buffer = java.nio.ByteBuffer.allocate((int) Math.min(size - position, 1 << 20));
          channel.read(buffer, position);
          position += buffer.position();
          out.print(new String(buffer.array(), 0, buffer.position(), java.nio.charset.StandardCharsets.UTF_8));
        }
      }
      Thread.sleep(200);
    }
  }

  /**
   * Stops everything, in reverse start order, each process after the one before it has exited:
   * the worker deregisters while the registry is up, the registry hands its last events (the
   * worker's unregistration) to the router while the router is up, the router delivers them to
   * the agent while the agent is up. In HA mode the run's Redis keys go last.
   */
  @Override
  public void close() {
    for (ServiceProcess process : processes.reversed()) {
      process.stop(Duration.ofSeconds(15));
    }
    if (topology.ha()) {
      RedisKeys.delete(topology.redisHost(), topology.redisPort(), topology.redisPrefix());
    }
  }
}
