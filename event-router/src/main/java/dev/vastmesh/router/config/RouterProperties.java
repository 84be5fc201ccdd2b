package dev.vastmesh.router.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import dev.vastmesh.support.config.StateMode;
import dev.vastmesh.support.security.Token;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The router's configuration, under {@value #PREFIX}. The default table (application.yml) routes
 * instance, deployment, health and mesh events to
 * {@code cluster-operator}, cost events to {@code cost-intelligence-monitor}.
 *
 * @param state {@code memory} (default; pending deliveries die with the process) or {@code redis}
 * @param requireAllRoutes fail start-up when any event type has no route (every type is routed
 *     explicitly, never to a default); when false, such events are refused with 422 at run time
 * @param tokens service tokens that may post events ({@code ingest}) or use the admin API
 *     ({@code admin}); when empty, one admin token is generated and printed once
 */
@Validated
@ConfigurationProperties(RouterProperties.PREFIX)
public record RouterProperties(
    @DefaultValue("memory") StateMode state,
    @DefaultValue("true") boolean requireAllRoutes,
    @DefaultValue List<@Valid Route> routes,
    @DefaultValue Map<String, @Valid Agent> agents,
    @DefaultValue List<@Valid Token> tokens,
    @Valid @DefaultValue Circuit circuit,
    @Valid @DefaultValue Redis redis) {

  public static final String PREFIX = "vastmesh.router";

  /**
   * @param match an exact type ({@code vastai.cost.sampled}) or a family pattern ({@code vastai.cost.*})
   * @param agents the agents every matching event goes to
   */
  public record Route(@NotBlank String match, @NotEmpty List<String> agents) {
  }

  /**
   * An agent that receives events.
   *
   * @param url where events are POSTed
   * @param secret the Standard Webhooks signing secret ({@code whsec_...}); when blank, one is
   *     generated at start-up and printed once, so the agent can be configured with it
   * @param concurrency deliveries in flight at once; also the number of ordered lanes
   */
  public record Agent(
      @NotNull URI url,
      @Nullable String secret,
      @DefaultValue("10s") Duration timeout,
      @DefaultValue("8") @Min(1) int maxAttempts,
      @DefaultValue("4") @Min(1) int concurrency,
      @DefaultValue("200ms") Duration initialBackoff,
      @DefaultValue("60s") Duration maxBackoff) {

    @Override
    public String toString() {
      return "Agent[url=" + url + ", secret=<redacted>]";
    }
  }

  /**
   * @param failureThreshold consecutive failed attempts that open an agent's circuit
   * @param openFor how long an open circuit waits before one trial delivery
   */
  public record Circuit(@DefaultValue("5") @Min(1) int failureThreshold, @DefaultValue("30s") Duration openFor) {
  }

  /**
   * @param stream the stream the gateway and registry append to, and ingest appends to
   * @param group the consumer group of all routers
   * @param consumer this router's consumer name; default: host name and process id
   * @param claimIdle entries pending this long with another consumer are taken over (its
   *     consumer is presumed dead)
   * @param keyPrefix prefix of the dead-letter keys
   * @param trimInterval how often the stream is trimmed to what every group has acknowledged
   */
  public record Redis(
      @DefaultValue(dev.vastmesh.events.EventStreams.STREAM) String stream,
      @DefaultValue("event-router") String group,
      @Nullable String consumer,
      @DefaultValue("30s") Duration claimIdle,
      @DefaultValue("vastmesh:router:") String keyPrefix,
      @DefaultValue("10s") Duration trimInterval) {
  }
}
