package dev.vastmesh.costmonitor.config;

import dev.vastmesh.costmonitor.budget.BudgetSpec;
import dev.vastmesh.support.config.StateMode;
import dev.vastmesh.support.security.Token;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The cost-monitor's configuration, under {@value #PREFIX}.
 *
 * @param state {@code memory} (default: the day is rebuilt from Vast's charges at start) or
 *     {@code redis} (ledger, budgets and the acting lease shared by replicas)
 * @param sampleInterval how often the account is read
 * @param sampling run the sampling loop (off: the API only, for tests and maintenance)
 * @param deployLabelPrefix the start of the Vast label {@code vastai deploy} writes; only instances
 *     carrying it are ever reaped
 * @param protectionLabel a registry label key (or a word in the Vast label) that puts an instance
 *     out of reach of every budget action and the reaper
 * @param budgets the budgets configured at start; the API adds, changes and removes budgets
 * @param tokens service tokens of the API ({@code read}, {@code write}, {@code admin}); when empty,
 *     one admin token is generated into a file
 */
@Validated
@ConfigurationProperties(CostMonitorProperties.PREFIX)
public record CostMonitorProperties(
    @DefaultValue("memory") StateMode state,
    @DefaultValue("60s") Duration sampleInterval,
    @DefaultValue("true") boolean sampling,
    @Valid @DefaultValue Vast vast,
    @Valid @DefaultValue Registry registry,
    @Valid @DefaultValue Events events,
    @Valid @DefaultValue Reaper reaper,
    @DefaultValue List<@Valid BudgetSpec> budgets,
    @NotBlank @DefaultValue("vastmesh-deploy:") String deployLabelPrefix,
    @NotBlank @DefaultValue("vastmesh-protected") String protectionLabel,
    @DefaultValue List<@Valid Token> tokens,
    @Valid @DefaultValue Redis redis) {

  public static final String PREFIX = "vastmesh.cost-monitor";

  /**
   * The Vast account. Keys come from the value or from a file (the file wins when both are set);
   * {@code application.yml} maps {@code VASTAI_COST_MONITOR_KEY} and {@code VASTAI_CLUSTER_OP_KEY}
   * (and their {@code _FILE} variants) here.
   *
   * @param readKey the reading key (instance_read, user_read, billing_read)
   * @param actKey the acting key (instance_write); without it no budget or reaper action is taken
   * @param rateLimits space calls by Vast's documented per-endpoint limits (off only against a
   *     simulator without limits)
   */
  public record Vast(
      @NotNull @DefaultValue("https://console.vast.ai") URI url,
      @Nullable String readKey,
      @Nullable String readKeyFile,
      @Nullable String actKey,
      @Nullable String actKeyFile,
      @DefaultValue("true") boolean rateLimits,
      @DefaultValue("30s") Duration timeout) {

    @Override
    public String toString() {
      return "Vast[url=" + url + ", readKey=<redacted>, actKey=<redacted>]";
    }
  }

  /**
   * The registry-service, joined by instance id.
   *
   * @param url unset: no join, no orphan reaping, no ghosts
   * @param token a token with {@code read} (and {@code write} to deregister ghosts)
   */
  public record Registry(@Nullable URI url, @Nullable String token, @Nullable String tokenFile,
      @DefaultValue("10s") Duration timeout) {

    @Override
    public String toString() {
      return "Registry[url=" + url + ", token=<redacted>]";
    }
  }

  /**
   * Where the cost events go: the router over HTTP, or (redis state, {@code transport=stream})
   * the Redis stream the routers consume. Neither: events are counted and dropped.
   */
  public record Events(
      @Nullable URI routerUrl,
      @Nullable String routerToken,
      @DefaultValue("auto") Transport transport,
      @DefaultValue("vastmesh:events") String stream,
      @DefaultValue("10000") @Min(1) int bufferSize,
      @DefaultValue("8") @Min(1) int maxAttempts,
      @DefaultValue("200ms") Duration initialBackoff,
      @DefaultValue("30s") Duration maxBackoff) {

    @Override
    public String toString() {
      return "Events[routerUrl=" + routerUrl + ", transport=" + transport + ", routerToken=<redacted>]";
    }
  }

  /** {@code auto}: the stream in redis state, else HTTP when a router URL is set. */
  public enum Transport { AUTO, HTTP, STREAM }

  /**
   * @param enabled destroy orphans (off: report them only)
   * @param orphanGrace how long a labelled instance may run without being registered
   * @param stoppedGrace how long a labelled instance may stay exited or stopped
   * @param ghostSamples in how many samples in a row a registry entry must be missing on Vast
   *     before it is deregistered
   */
  public record Reaper(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("15m") Duration orphanGrace,
      @DefaultValue("6h") Duration stoppedGrace,
      @DefaultValue("2") @Min(1) @Max(100) int ghostSamples) {
  }

  /**
   * @param keyPrefix every key this service writes starts with it
   * @param leaseTtl how long a replica's acting lease lasts without renewal
   */
  public record Redis(@DefaultValue("vastmesh:cost:") String keyPrefix, @DefaultValue("5m") Duration leaseTtl) {
  }
}
