package dev.vastmesh.registry.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import dev.vastmesh.support.config.StateMode;
import dev.vastmesh.support.security.Token;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything the registry can be told, under {@value #PREFIX}. Defaults are the embedded mode:
 * in-memory store, TTL 300 s, no router (events go to in-process listeners only).
 *
 * @param state {@code memory} (default, one replica) or {@code redis} (shared by replicas)
 */
@Validated
@ConfigurationProperties(RegistryProperties.PREFIX)
public record RegistryProperties(
    @DefaultValue("memory") StateMode state,
    @Valid @DefaultValue Ttl ttl,
    @Valid @DefaultValue Expiry expiry,
    @Valid @DefaultValue Watch watch,
    @Valid @DefaultValue Listing listing,
    @Valid @DefaultValue Security security,
    @Valid @DefaultValue Events events,
    @Valid @DefaultValue Redis redis,
    @Valid @DefaultValue Discovery discovery) {

  public static final String PREFIX = "vastmesh.registry";

  /**
   * @param defaultTtl an instance's TTL when it registers without {@code ttl_seconds}
   * @param min the smallest TTL a registration may ask for
   * @param max the largest TTL a registration may ask for
   */
  public record Ttl(
      @DefaultValue("300s") @NotNull Duration defaultTtl,
      @DefaultValue("10s") @NotNull Duration min,
      @DefaultValue("3600s") @NotNull Duration max) {
  }

  /**
   * @param sweepInterval how often expired instances are removed (and metrics refreshed)
   * @param maxPerSweep the most instances one sweep removes
   * @param selfPreservationThreshold hold evictions when more than this share of the fleet was
   *     lost within the window, or renewals fell below {@code 1 -} this share of their rate: a
   *     mass expiry is likelier the registry's own network than mass death
   * @param selfPreservationMinFleet below this fleet size (or this many expected renewals)
   *     self-preservation never engages (one of two instances dying is 50 %, and must still be
   *     evicted)
   * @param selfPreservationWindow the span the judgment covers; at least the instances' TTL
   *     (default: the default TTL)
   */
  public record Expiry(
      @DefaultValue("5s") @NotNull Duration sweepInterval,
      @DefaultValue("1000") @Min(1) int maxPerSweep,
      @DefaultValue("0.5") @DecimalMin("0.0") @DecimalMax("1.0") double selfPreservationThreshold,
      @DefaultValue("10") @Min(1) int selfPreservationMinFleet,
      @DefaultValue("5m") @NotNull Duration selfPreservationWindow) {
  }

  /** @param maxWait the cap on a watch's {@code wait} (Consul caps at 10 min; we default to 5) */
  public record Watch(@DefaultValue("5m") @NotNull Duration maxWait, @DefaultValue("5m") @NotNull Duration defaultWait) {
  }

  public record Listing(@DefaultValue("100") @Min(1) int defaultLimit, @DefaultValue("1000") @Min(1) int maxLimit) {
  }

  /**
   * @param tokens bearer tokens and their scopes; when empty, one admin token is generated at
   *     start-up and printed once on standard output (never logged)
   * @param anonymousRead let requests without a token read (list, get, Prometheus discovery)
   */
  public record Security(@DefaultValue List<@Valid Token> tokens, @DefaultValue("false") boolean anonymousRead) {
  }

  /**
   * @param routerUrl base URL of the event router; events are POSTed to {@code /api/v1/events}.
   *     Absent: events reach in-process listeners only.
   * @param routerToken the router's service token (a secret)
   * @param bufferSize events waiting for the router; past it new events are dropped and counted
   * @param maxAttempts delivery attempts per event before it is dropped and counted
   * @param heartbeats which heartbeats become {@code vastai.mesh.heartbeat} events
   * @param heartbeatSampleRate with {@code sampled}, the share of heartbeats that do
   * @param transport {@code auto} (default): the Redis stream the routers consume when the state
   *     is Redis, else HTTP to {@code router-url} when it is set; or {@code http} / {@code stream}
   * @param stream the stream key for the {@code stream} transport
   */
  public record Events(
      @DefaultValue("auto") Transport transport,
      @DefaultValue(dev.vastmesh.events.EventStreams.STREAM) String stream,
      @Nullable URI routerUrl,
      @Nullable String routerToken,
      @DefaultValue("10000") @Min(1) int bufferSize,
      @DefaultValue("8") @Min(1) int maxAttempts,
      @DefaultValue("200ms") @NotNull Duration initialBackoff,
      @DefaultValue("30s") @NotNull Duration maxBackoff,
      @DefaultValue("off") HeartbeatEvents heartbeats,
      @DefaultValue("0.01") @DecimalMin("0.0") @DecimalMax("1.0") double heartbeatSampleRate) {

    @Override
    public String toString() {
      return "Events[routerUrl=" + routerUrl + ", routerToken=<redacted>, bufferSize=" + bufferSize + "]";
    }
  }

  public enum HeartbeatEvents { OFF, EVERY, SAMPLED }

  /** How events reach the router. */
  public enum Transport { AUTO, HTTP, STREAM }

  /**
   * @param keyPrefix prefix of every Redis key, so several registries (or tests) share a Redis
   * @param changeLogLength approximate length the change stream is trimmed to
   */
  public record Redis(
      @DefaultValue("vastmesh:registry:") @NotBlank String keyPrefix,
      @DefaultValue("100000") @Min(100) int changeLogLength,
      @DefaultValue("2s") @NotNull Duration readSyncTimeout) {
  }

  /**
   * @param defaultPort port of a worker without {@code worker_url}, for Prometheus targets
   * @param metricsPath the workers' metrics path, passed to Prometheus as {@code __metrics_path__}
   */
  public record Discovery(@DefaultValue("3000") int defaultPort, @DefaultValue("/actuator/prometheus") String metricsPath) {
  }
}
