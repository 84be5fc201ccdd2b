package dev.vastmesh.router.support;

import dev.vastmesh.testsupport.SpawnedService;
import dev.vastmesh.router.RouterApplication;
import java.util.ArrayList;
import java.util.List;

/** A real router process for crash tests, which can be killed with SIGKILL. */
public final class RouterProcess implements AutoCloseable {

  private final SpawnedService process;

  private RouterProcess(SpawnedService process) {
    this.process = process;
  }

  /** Starts a router with {@code args} (Spring properties, {@code --name=value}) on a port of its own. */
  public static RouterProcess start(String name, List<String> args) {
    return new RouterProcess(SpawnedService.start(name, RouterApplication.class, args));
  }

  /**
   * The Redis mode on {@code host:port} as consumer {@code consumer}, with the ingest token
   * {@code ingest-token} and both agents at {@code agent}; {@code more} are added.
   */
  public static List<String> redisMode(String consumer, String host, int port, FakeAgentAddress agent, String... more) {
    List<String> args = new ArrayList<>(List.of(
        "--vastmesh.router.state=redis",
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

  public RouterProcess awaitReady() {
    process.awaitReady();
    return this;
  }

  public RouterClient client() {
    return new RouterClient(process.port());
  }

  public void kill() {
    process.kill();
  }

  public int exitValue() {
    return process.exitValue();
  }

  @Override
  public void close() {
    process.close();
  }
}
