package dev.vastmesh.simulator.support;

import dev.vastmesh.vastai.VastClient;
import java.time.Duration;
import java.util.Map;

/** The test accounts' keys and a Vast client pointed at a running simulator. */
public final class Sim {

  public static final String KEY = "sim-test-key";
  public static final String OTHER_KEY = "sim-other-key";
  /** The account of the billing test alone, so other tests' instances are not on its bill. */
  public static final String BILLING_KEY = "sim-billing-key";
  public static final String ADMIN = "sim-admin-token";

  private Sim() {
  }

  /** The fleet's own client, without its spacing (the simulator does not limit unless told to). */
  public static VastClient client(int port, String key) {
    return VastClient.builder(key).baseUrl("http://127.0.0.1:" + port).rateLimits(Map.of())
        .retries(3, Duration.ofMillis(20)).timeouts(Duration.ofSeconds(5), Duration.ofSeconds(20)).build();
  }

  public static VastClient client(int port) {
    return client(port, KEY);
  }

  /** Live processes of this JVM's tree whose command line contains {@code marker} (e.g. {@code sleep 6011}). */
  public static long processes(String marker) {
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false)).count();
  }

  /** Processes this JVM started and that are still alive (instances' containers among them). */
  public static long childProcesses() {
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count();
  }
}
