package dev.vastmesh.worker.config;

import dev.vastmesh.worker.artifacts.ArtifactsProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The worker's configuration, under {@value #PREFIX}. Vast's environment variables map onto it in
 * application.yml ({@code WORKER_PORT}, {@code REPORT_ADDR}, {@code UNSECURED}, ...).
 *
 * @param modelServer the model server's base URL (scheme, host and port)
 * @param token the bearer token for plain pass-through calls (the model server's own API);
 *     without one, only signed Vast requests are served
 */
@Validated
@ConfigurationProperties(WorkerProperties.PREFIX)
public record WorkerProperties(
    @DefaultValue("http://127.0.0.1:8000") URI modelServer,
    @DefaultValue List<@Valid Handler> handlers,
    @Nullable String token,
    @Valid @DefaultValue Vast vast,
    @Valid @DefaultValue Registry registry,
    @Valid @DefaultValue Startup startup,
    @Valid @DefaultValue Sessions sessions,
    @Valid @DefaultValue Events events,
    @Valid @DefaultValue ArtifactsProperties artifacts) {

  public static final String PREFIX = "vastmesh.worker";

  /** This instance's Vast id: the registry's {@code instance-id} when set, else CONTAINER_ID. */
  public long instanceId() {
    return registry.instanceId() > 0 ? registry.instanceId() : vast.containerId();
  }

  /**
   * One served route.
   *
   * @param workload how a request's workload is computed: {@code constant:N},
   *     {@code array-length:/json/pointer}, {@code number:/json/pointer}, {@code chars:/json/pointer}
   *     (characters / 4, a token estimate); default {@code constant:100}
   * @param allowParallelRequests forward at once instead of through the shared FIFO
   * @param maxQueueTime refuse (429) when the estimated wait exceeds this
   * @param benchmarkPayload the JSON the start-up benchmark sends to this route; the first handler
   *     with one is benchmarked
   * @param maxRequestSize a larger request body is refused (413) before it is buffered: the body
   *     is held in memory to be parsed, signed-checked and forwarded
   */
  public record Handler(
      @NotBlank String route,
      @DefaultValue("constant:100") String workload,
      @DefaultValue("false") boolean allowParallelRequests,
      @DefaultValue("30s") Duration maxQueueTime,
      @Nullable String benchmarkPayload,
      @DefaultValue("16MB") DataSize maxRequestSize) {

    public Handler {
      // Served ahead of every other endpoint on the port: a route must be a plain path, and must
      // not shadow the worker's own session and actuator endpoints.
      if (route != null && (!route.startsWith("/") || route.startsWith("//")
          || route.chars().anyMatch(c -> c == '?' || c == '#' || Character.isWhitespace(c))
          || route.equals("/session") || route.startsWith("/session/") || route.equals("/actuator") || route.startsWith("/actuator/"))) {
        throw new IllegalArgumentException("handler route must be a path of the model server's API such as /v1/embeddings, "
            + "outside /session/ and /actuator/, not " + route);
      }
      if (maxRequestSize.toBytes() < 1 || maxRequestSize.toBytes() > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("handler " + route + ": max-request-size must be between 1 B and 2 GB, not " + maxRequestSize);
      }
    }
  }

  /**
   * How the worker learns that its model is loaded and stays healthy (substrings of its log, then health checks).
   *
   * @param modelLog the model server's log file (MODEL_LOG); without one the model counts as loaded
   *     at start
   * @param onLoad substrings of a log line that mean the model is loaded
   * @param onError substrings that mean it failed; the matched string becomes {@code error_msg}
   * @param onInfo substrings whose lines are logged
   * @param healthEndpoint the model server's health path (MODEL_HEALTH_ENDPOINT); none, no check
   * @param healthInterval how often the health check runs after load
   * @param healthFirstSuccessWithin how long, after load, the first 200 may take
   * @param degradedAfter a health answer slower than this reports the worker degraded
   * @param benchmarkRuns rounds of the start-up benchmark
   * @param benchmarkConcurrency requests per round (1 when the handler is not parallel)
   * @param benchmarkCache a file holding a measured max_perf; reused when present, written after a run
   */
  public record Startup(
      @DefaultValue("") String modelLog,
      @DefaultValue List<String> onLoad,
      @DefaultValue List<String> onError,
      @DefaultValue List<String> onInfo,
      @DefaultValue("100ms") Duration logPoll,
      @DefaultValue("") String healthEndpoint,
      @DefaultValue("10s") Duration healthInterval,
      @DefaultValue("10s") Duration healthTimeout,
      @DefaultValue("300s") Duration healthFirstSuccessWithin,
      @DefaultValue("2s") Duration degradedAfter,
      @DefaultValue("8") @Min(1) int benchmarkRuns,
      @DefaultValue("10") @Min(1) int benchmarkConcurrency,
      @DefaultValue("") String benchmarkCache) {
  }

  /**
   * Vast's sessions: a client holds a session open across requests.
   *
   * @param maxSessions more open sessions than this are refused (429)
   * @param sweepInterval how often expired sessions are closed
   * @param endPort a plain-HTTP port serving only {@code /session/end} (Vast's WORKER_HTTP_PORT); 0 for none
   */
  public record Sessions(@DefaultValue("10") @Min(0) int maxSessions, @DefaultValue("5s") Duration sweepInterval,
      @DefaultValue("0") @Min(0) int endPort) {
  }

  /**
   * Where the worker's own events ({@code vastai.instance.ready}, {@code vastai.health.*}) go: a
   * webhook-gateway source using the Standard Webhooks scheme. Off without a URL.
   *
   * @param gatewayUrl e.g. {@code http://gateway:3001/api/v1/webhooks/workers}
   * @param secret that source's {@code whsec_} secret (never logged)
   */
  public record Events(@Nullable URI gatewayUrl, @Nullable String secret, @Nullable String environment) {

    @Override
    public String toString() {
      return "Events[gatewayUrl=" + gatewayUrl + ", secret=<redacted>]";
    }
  }

  /**
   * The vastmesh registry this worker registers in; off without a URL.
   *
   * @param token a one-time enrollment token (vastai deploy --registry-enroll), or a registry token with the
   *     register scope (a secret); a bearer either way
   * @param instanceId Vast's instance id; defaults to CONTAINER_ID
   * @param ttl the registration's TTL; heartbeats go every ttl/3
   */
  public record Registry(
      @Nullable URI url,
      @Nullable String token,
      @DefaultValue("0") long instanceId,
      @DefaultValue("60s") Duration ttl,
      @Nullable String environment,
      @Nullable String gpuType,
      @Nullable String gpuName,
      @Nullable Double costPerHour) {

    @Override
    public String toString() {
      return "Registry[url=" + url + ", instanceId=" + instanceId + ", token=<redacted>]";
    }
  }

  /**
   * Vast's side.
   *
   * @param containerId this worker's id (CONTAINER_ID); without it nothing is reported
   * @param masterToken the {@code mtoken} sent in every report (MASTER_TOKEN; a secret)
   * @param reportAddr autoscaler base URLs, tried in order (REPORT_ADDR)
   * @param unsecured skip the signature check (UNSECURED=true)
   * @param signatureMessage {@code url} (current) or {@code legacy} (2024–2025: all auth_data fields)
   * @param maxPerf the throughput (workload/s) used for admission until a benchmark measures it
   * @param publicUrl this worker's URL as the autoscaler routes to it
   *     ({@code http[s]://$PUBLIC_IPADDR:$VAST_TCP_PORT_3000}); when set, a request signed for
   *     another worker's URL is refused
   */
  public record Vast(
      @DefaultValue("0") long containerId,
      @Nullable String masterToken,
      @Nullable URI publicUrl,
      @DefaultValue("https://run.vast.ai") List<URI> reportAddr,
      @DefaultValue("false") boolean unsecured,
      @DefaultValue("url") String signatureMessage,
      @DefaultValue("1") double maxPerf,
      @DefaultValue("5") int pubkeyAttempts) {
  }
}
