package dev.vastmesh.router.support;

import static org.awaitility.Awaitility.await;

import dev.vastmesh.router.RouterApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real router process for crash tests (the test's own class path, its own port from the OS),
 * so it can be killed with SIGKILL. Its output goes to {@code target/<name>.log}.
 */
public final class RouterProcess implements AutoCloseable {

  private final String name;
  private final int port;
  private final Process process;

  private RouterProcess(String name, int port, Process process) {
    this.name = name;
    this.port = port;
    this.process = process;
  }

  /** Starts a router with {@code args} (Spring properties, {@code --name=value}) added to a port of its own. */
  public static RouterProcess start(String name, List<String> args) {
    int port = freePort();
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        RouterApplication.class.getName(), "--server.port=" + port));
    command.addAll(args);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(Path.of("target", name + ".log").toFile()).start();
      return new RouterProcess(name, port, process);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The Redis mode on {@code host:port} as consumer {@code consumer}, with the ingest token
   * {@code ingest-token} and both agents at {@code agent}; {@code more} are added.
   */
  public static List<String> redisMode(String consumer, String host, int port, FakeAgentAddress agent, String... more) {
    List<String> args = new ArrayList<>(List.of(
        "--vastmesh.router.mode=redis",
        "--vastmesh.router.redis.consumer=" + consumer,
        "--vastmesh.router.redis.claim-idle=2s",
        "--spring.data.redis.host=" + host,
        "--spring.data.redis.port=" + port,
        "--vastmesh.router.tokens[0].name=t", "--vastmesh.router.tokens[0].value=ingest-token", "--vastmesh.router.tokens[0].scopes=ingest",
        "--vastmesh.router.agents.cluster-operator.url=" + agent.url(),
        "--vastmesh.router.agents.cluster-operator.secret=" + agent.secret(),
        "--vastmesh.router.agents.cost-intelligence-monitor.url=" + agent.url(),
        "--vastmesh.router.agents.cost-intelligence-monitor.secret=" + agent.secret()));
    args.addAll(List.of(more));
    return args;
  }

  /** Where the agents are, and the secret they verify with. */
  public record FakeAgentAddress(String url, String secret) {
  }

  /** Waits until readiness answers 200, failing at once if the process died. */
  public RouterProcess awaitReady() {
    RouterClient client = client();
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .failFast("router " + name + " exited; see target/" + name + ".log", () -> !process.isAlive())
        .until(() -> client.get("/actuator/health/readiness", "", null).status() == 200);
    return this;
  }

  public int port() {
    return port;
  }

  public RouterClient client() {
    return new RouterClient(port);
  }

  /** SIGKILL, and waits for the process to be gone. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public int exitValue() {
    return process.exitValue();
  }

  @Override
  public void close() {
    kill();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
