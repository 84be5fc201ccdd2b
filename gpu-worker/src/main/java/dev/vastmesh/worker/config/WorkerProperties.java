package dev.vastmesh.worker.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The worker's configuration, under {@value #PREFIX}; the original design's
 * {@code createVastWorker} options one to one. Vast's environment variables map onto it in
 * application.yml ({@code WORKER_PORT}, {@code REPORT_ADDR}, {@code UNSECURED}, ...).
 *
 * @param modelServer the model server's base URL (the design's modelServerUrl + modelServerPort)
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
    @Valid @DefaultValue Registry registry) {

  public static final String PREFIX = "vastmesh.worker";

  /**
   * One served route.
   *
   * @param workload how a request's workload is computed: {@code constant:N},
   *     {@code array-length:/json/pointer}, {@code number:/json/pointer}, {@code chars:/json/pointer}
   *     (characters / 4, a token estimate); default {@code constant:100}
   * @param allowParallelRequests forward at once instead of through the shared FIFO
   * @param maxQueueTime refuse (429) when the estimated wait exceeds this
   */
  public record Handler(
      @NotBlank String route,
      @DefaultValue("constant:100") String workload,
      @DefaultValue("false") boolean allowParallelRequests,
      @DefaultValue("30s") Duration maxQueueTime) {
  }

  /**
   * The vastmesh registry this worker registers in; off without a URL.
   *
   * @param token a registry token with the register scope (a secret)
   * @param instanceId Vast's instance id (CONTAINER_ID)
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
