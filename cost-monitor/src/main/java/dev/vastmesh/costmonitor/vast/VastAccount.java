package dev.vastmesh.costmonitor.vast;

import dev.vastmesh.costmonitor.config.CostMonitorProperties;
import dev.vastmesh.costmonitor.config.Secrets;
import dev.vastmesh.vastai.VastClient;
import dev.vastmesh.vastai.internal.EndpointRateLimiter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The two Vast clients of least privilege: one that reads (list, balance, charges) and, only when
 * the acting key is configured, one that stops and destroys. Neither key leaves this class.
 */
public final class VastAccount {

  private final VastClient reader;
  private final @Nullable VastClient actor;

  public VastAccount(VastClient reader, @Nullable VastClient actor) {
    this.reader = reader;
    this.actor = actor;
  }

  public static VastAccount from(CostMonitorProperties.Vast vast) {
    String read = Secrets.read(vast.readKey(), vast.readKeyFile(), "the Vast reading key");
    if (read == null) {
      throw new IllegalStateException("no Vast reading key: set VASTAI_COST_MONITOR_KEY (or VASTAI_COST_MONITOR_KEY_FILE)");
    }
    String act = Secrets.read(vast.actKey(), vast.actKeyFile(), "the Vast acting key");
    return new VastAccount(client(read, vast), act == null ? null : client(act, vast));
  }

  private static VastClient client(String key, CostMonitorProperties.Vast vast) {
    VastClient.Builder builder = VastClient.builder(key).baseUrl(vast.url().toString())
        .timeouts(Duration.ofSeconds(10), vast.timeout());
    builder.rateLimits(vast.rateLimits() ? withMargin(EndpointRateLimiter.documented()) : Map.of());
    return builder.build();
  }

  /**
   * Vast's minimum intervals plus 5 %: spaced at exactly the threshold, the jitter between our
   * clock and Vast's arrival times trips its 429 (seen against the simulator at 1 s a page); what
   * jitter is left, the client's 429 retry absorbs. A 1,000-instance sample (40 pages) stays
   * within the list's interval plus 10 %.
   */
  static Map<EndpointRateLimiter.Endpoint, Duration> withMargin(Map<EndpointRateLimiter.Endpoint, Duration> documented) {
    Map<EndpointRateLimiter.Endpoint, Duration> spaced = new java.util.EnumMap<>(EndpointRateLimiter.Endpoint.class);
    documented.forEach((endpoint, interval) -> spaced.put(endpoint, interval.plus(interval.dividedBy(20))));
    return spaced;
  }

  public VastClient reader() {
    return reader;
  }

  /** The acting client; empty when enforcement is off. */
  public Optional<VastClient> actor() {
    return Optional.ofNullable(actor);
  }

  public boolean canAct() {
    return actor != null;
  }

  @Override
  public String toString() {
    return "VastAccount[reader=" + reader + ", acting=" + canAct() + "]";
  }
}
