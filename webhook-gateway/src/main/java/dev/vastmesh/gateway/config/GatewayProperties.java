package dev.vastmesh.gateway.config;

import dev.vastmesh.support.config.StateMode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's configuration, under {@value #PREFIX}. Each webhook source is configured by
 * name (the {@code {source}} of {@code POST /api/v1/webhooks/{source}}).
 *
 * @param state {@code memory} (default): in-process replay cache and buckets, HTTP hand-off to
 *     the router; {@code redis}: replay cache, buckets and hand-off (a stream) in Redis, so
 *     several gateways act as one
 * @param handoff where accepted events go (see {@link Handoff})
 */
@Validated
@ConfigurationProperties(GatewayProperties.PREFIX)
public record GatewayProperties(
    @DefaultValue("memory") StateMode state,
    @DefaultValue("auto") Handoff handoff,
    @DefaultValue Map<String, @Valid Source> sources,
    @Valid @DefaultValue Router router,
    @Valid @DefaultValue Redis redis,
    @Valid @DefaultValue Flood flood) {

  public static final String PREFIX = "vastmesh.gateway";

  /**
   * Where accepted events go: {@code auto} (default) is HTTP to the router in the memory mode
   * and the Redis stream in the Redis mode; {@code http} or {@code redis-stream} choose explicitly.
   */
  public enum Handoff { AUTO, HTTP, REDIS_STREAM }

  /** The signature schemes a source may use. */
  public enum Scheme { STANDARD_WEBHOOKS, GITHUB, GITLAB_TOKEN, HMAC_TIMESTAMP, VAST }

  /**
   * One webhook sender.
   *
   * @param secrets every secret currently valid (several during a rotation); never logged
   * @param tolerance how far a signed timestamp may be from now, either way
   * @param replayWindow how long a message id is remembered; default: 10 min for timestamped
   *     schemes (the whole ±5 min window), 24 h for GitHub and GitLab tokens (no timestamp)
   *     and for Vast (its retries keep the event id but may be signed anew, at any later time)
   * @param ratePerMinute verified messages per trigger id per minute
   * @param maxBodyBytes larger bodies are refused with 413 before any HMAC is computed
   * @param triggerId where a message's trigger id comes from
   * @param environment the {@code environment} of the events this source produces
   */
  public record Source(
      @NotNull Scheme scheme,
      @NotEmpty List<String> secrets,
      @DefaultValue("300s") Duration tolerance,
      @Nullable Duration replayWindow,
      @DefaultValue("100") @Min(1) int ratePerMinute,
      @DefaultValue("1048576") @Min(1) int maxBodyBytes,
      @DefaultValue @Valid TriggerId triggerId,
      @Nullable String environment) {

    @Override
    public String toString() {
      return "Source[scheme=" + scheme + ", secrets=<" + secrets.size() + " redacted>]";
    }
  }

  /**
   * Where the trigger id of a message is read, first match wins: a header, a JSON Pointer into
   * the body, then {@code fallback}; with none, the source name.
   */
  public record TriggerId(@Nullable String header, @Nullable String jsonPointer, @Nullable String fallback) {
  }

  /**
   * @param url the event router's base URL (memory mode hands events to {@code POST {url}/api/v1/events})
   * @param token the router's service token (a secret)
   */
  public record Router(@DefaultValue("http://127.0.0.1:3006") URI url, @Nullable String token,
      @DefaultValue("5s") Duration timeout) {

    @Override
    public String toString() {
      return "Router[url=" + url + ", token=<redacted>]";
    }
  }

  /**
   * @param keyPrefix prefix of the replay and rate-limit keys
   * @param stream the stream events are appended to (the router consumes it)
   */
  public record Redis(@DefaultValue("vastmesh:gateway:") String keyPrefix,
      @DefaultValue(dev.vastmesh.events.EventStreams.STREAM) String stream) {
  }

  /**
   * The coarse limit applied before verification, per source and client address, so a flood of
   * bad signatures cannot make the gateway compute an HMAC for each.
   */
  public record Flood(@DefaultValue("600") @Min(1) int perClientPerMinute) {
  }
}
