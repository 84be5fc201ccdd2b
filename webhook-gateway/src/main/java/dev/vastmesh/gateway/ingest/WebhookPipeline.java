package dev.vastmesh.gateway.ingest;

import dev.vastmesh.support.problem.FieldViolation;
import dev.vastmesh.events.EventCodec;
import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.gateway.config.ConfiguredSource;
import dev.vastmesh.gateway.config.GatewayProperties;
import dev.vastmesh.gateway.config.Sources;
import dev.vastmesh.gateway.handoff.EventHandoff;
import dev.vastmesh.gateway.mapping.CanonicalMapper;
import dev.vastmesh.gateway.mapping.Mapping;
import dev.vastmesh.gateway.mapping.Sanitizer;
import dev.vastmesh.gateway.mapping.VastNotificationMapper;
import io.lettuce.core.RedisException;
import dev.vastmesh.gateway.ratelimit.FloodLimiter;
import dev.vastmesh.gateway.ratelimit.RateLimiter;
import dev.vastmesh.gateway.replay.ReplayGuard;
import dev.vastmesh.gateway.signature.Verification;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import dev.vastmesh.gateway.ingest.Outcome.Refusal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The ingress pipeline. The order is the point: each step is cheaper than the next and guards it.
 * Every way it ends is an {@link Outcome}; a refusal names its {@link Outcome.Refusal}, and the
 * controller decides what that answers (api/Refusals).
 *
 * <ol>
 *   <li>size cap — by the controller, while reading, before any HMAC; checked again here
 *       ({@code TOO_LARGE});
 *   <li>content type — only JSON can become an event ({@code UNSUPPORTED_MEDIA_TYPE});
 *   <li>flood limit per source and client address — before verification, so a flood of bad
 *       signatures does not cost an HMAC each ({@code FLOODED});
 *   <li>signature, on the raw bytes, in constant time, and the timestamp within ±tolerance where
 *       the scheme signs one ({@code SIGNATURE_INVALID}, one deliberately vague refusal);
 *   <li>replay — only a verified id is recorded; a replay is a {@code Duplicate} with the
 *       original event id, a delivery still in progress is {@code IN_PROGRESS};
 *   <li>rate limit per trigger id ({@code RATE_LIMITED}, with Retry-After and RateLimit headers);
 *   <li>parse, stripping control characters and NFC-normalising strings as the tree is built
 *       (the tree only: the signed bytes are never changed; {@code MALFORMED_PAYLOAD});
 *   <li>map to a canonical event ({@code INVALID_EVENT} when a claimed CloudEvent is invalid);
 *   <li>hand off durably, and only then {@code Accepted}; a failed hand-off is
 *       {@code ROUTER_UNAVAILABLE}. Any refusal after the replay check releases the message id,
 *       so the sender's retry is processed — nothing accepted is lost.
 * </ol>
 */
@Component
public class WebhookPipeline {

  /**
   * The same for every cause, so that a forger learns nothing; it says where the cause is for
   * the operator, who reads the log and the metric.
   */
  private static final String SIGNATURE_INVALID_DETAIL = "the webhook's signature could not be verified; the reason is in the"
      + " gateway's log and in vastmesh_gateway_webhooks_total{outcome} (outcome=\"rejected_<reason>\")";

  private static final Logger log = LoggerFactory.getLogger(WebhookPipeline.class);

  private final Sources sources;
  private final RateLimiter limiter;
  private final FloodLimiter flood;
  private final ReplayGuard replay;
  private final CanonicalMapper mapper;
  private final VastNotificationMapper vastNotifications;
  private final EventHandoff handoff;
  private final GatewayProperties properties;
  private final MeterRegistry meters;
  private final EventCodec codec = EventCodec.standard();
  // Bounded: source names are configured, outcomes a closed set; unknown sources count as "unknown".
  // Meters are looked up once and kept: building and registering one per webhook showed in profiles.
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Timer> verificationTimers = new ConcurrentHashMap<>();
  private final Timer handoffOk;
  private final Timer handoffFailed;

  public WebhookPipeline(Sources sources, FloodLimiter flood, RateLimiter limiter, ReplayGuard replay, CanonicalMapper mapper,
      VastNotificationMapper vastNotifications, EventHandoff handoff, GatewayProperties properties, MeterRegistry meters) {
    this.sources = sources;
    this.flood = flood;
    this.limiter = limiter;
    this.replay = replay;
    this.mapper = mapper;
    this.vastNotifications = vastNotifications;
    this.handoff = handoff;
    this.properties = properties;
    this.meters = meters;
    this.handoffOk = handoffTimer("ok");
    this.handoffFailed = handoffTimer("failed");
  }

  private Timer handoffTimer(String outcome) {
    return Timer.builder("vastmesh.gateway.handoff").description("Hand-offs of accepted events to the event router")
        .tag("mode", handoff.mode()).tag("outcome", outcome).register(meters);
  }

  /**
   * The outcome of one delivery. Redis (replay cache, rate-limit buckets) not answering is a
   * refusal too: the sender retries, as for a failed hand-off, and nothing was accepted.
   */
  public Outcome process(WebhookRequest request) {
    try {
      return processOrThrow(request);
    } catch (DataAccessException | RedisException e) {
      // The class only: a driver's message can carry the store's address.
      log.warn("store unavailable: {}", e.getClass().getSimpleName());
      count(sources.find(request.source()).map(ConfiguredSource::name).orElse("unknown"), "rejected_store_unavailable");
      return new Outcome.Refused(Refusal.STORE_UNAVAILABLE, "the gateway's store (Redis) is unavailable; retry later",
          Map.of("Retry-After", "5"), List.of());
    }
  }

  private Outcome processOrThrow(WebhookRequest request) {
    ConfiguredSource source = sources.find(request.source()).orElse(null);
    if (source == null) {
      count("unknown", "rejected_unknown_source");
      return new Outcome.Refused(Refusal.UNKNOWN_SOURCE, "no webhook source of that name is configured");
    }
    String name = source.name();
    if (request.body().length > source.config().maxBodyBytes()) {
      count(name, "rejected_too_large");
      return new Outcome.Refused(Refusal.TOO_LARGE, "the request body exceeds " + source.config().maxBodyBytes() + " bytes");
    }
    if (!isJson(request.contentType())) {
      count(name, "rejected_content_type");
      return new Outcome.Refused(Refusal.UNSUPPORTED_MEDIA_TYPE, "webhooks must be sent as application/json");
    }
    if (flood.limiter().tryConsume(name + ":" + request.client(), properties.flood().perClientPerMinute())
        instanceof RateLimiter.Limited limited) {
      count(name, "rejected_flood");
      return rateLimited(Refusal.FLOODED, limited, "too many requests from this client");
    }

    Verification verification = verificationTimers.computeIfAbsent(name, n -> Timer.builder("vastmesh.gateway.verification")
            .description("Signature and timestamp verification").tag("source", n).tag("scheme", source.scheme()).register(meters))
        .record(() -> source.verifier().verify(request.headers(), request.body()));
    if (verification instanceof Verification.Rejected rejected) {
      count(name, "rejected_" + rejected.reason().tag());
      log.warn("webhook from source {} (client {}) failed verification: {}", name, request.client(), rejected.reason().tag());
      return new Outcome.Refused(Refusal.SIGNATURE_INVALID, SIGNATURE_INVALID_DETAIL);
    }
    Verification.Verified verified = (Verification.Verified) verification;

    String replayKey = name + ":" + verified.messageId();
    ReplayGuard.Reservation reservation;
    try {
      reservation = replay.reserve(replayKey, source.replayWindow());
    } catch (RuntimeException e) {
      // The reservation may still reach Redis after this caller gave up on it (Redis frozen,
      // then resumed). A release sent now follows it on the same connection and undoes it, so
      // the sender's retry is processed instead of answered "in progress" for the lease.
      release(replayKey);
      throw e;
    }
    switch (reservation.seen()) {
      case DONE -> {
        count(name, "duplicate");
        log.info("replayed webhook {} from source {} answered with its original outcome", LogSafe.of(verified.messageId()), name);
        return reservation.eventId() == null
            ? new Outcome.Ignored("duplicate of a message that produced no event", Map.of())
            : new Outcome.Duplicate(reservation.eventId(), Map.of());
      }
      case IN_PROGRESS -> {
        count(name, "rejected_in_progress");
        return new Outcome.Refused(Refusal.IN_PROGRESS, "another delivery of this message is being processed; retry shortly",
            Map.of("Retry-After", "1"), List.of());
      }
      case NEW -> { }
    }
    boolean settled = false;
    try {
      Outcome outcome = accept(source, request, verified, replayKey);
      settled = true;
      if (outcome instanceof Outcome.Refused) {
        // Nothing was taken: the sender's retry must be processed, not answered as a replay.
        release(replayKey);
      }
      return outcome;
    } finally {
      if (!settled) {
        release(replayKey);
      }
    }
  }

  /**
   * Whatever failed (a refusal, a store error, an {@link Error}), the reservation goes, so the
   * sender's retry is processed. When the store is what failed, the release may fail too: then
   * the reservation's short lease ends it, and the original failure is what the caller sees.
   */
  private void release(String replayKey) {
    try {
      replay.release(replayKey);
    } catch (RuntimeException e) {
      log.warn("releasing replay reservation failed; it lapses with its lease: {}", e.toString());
    }
  }

  private Outcome accept(ConfiguredSource source, WebhookRequest request, Verification.Verified verified, String replayKey) {
    String name = source.name();
    Sanitizer.Parsed parsed;
    try {
      parsed = Sanitizer.parse(request.body());
    } catch (JacksonException e) {
      count(name, "rejected_malformed_json");
      return new Outcome.Refused(Refusal.MALFORMED_PAYLOAD,
          "the body is not valid JSON" + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
              + ", column " + e.getLocation().getColumnNr() + ")"));
    }
    JsonNode clean = parsed.tree();
    String triggerId = triggerId(source, request, clean);
    RateLimiter.Decision decision = limiter.tryConsume("trigger:" + name + ":" + triggerId, source.config().ratePerMinute());
    if (decision instanceof RateLimiter.Limited limited) {
      count(name, "rejected_rate_limited");
      return rateLimited(Refusal.RATE_LIMITED, limited, "the rate limit of this trigger id is exhausted");
    }
    Map<String, String> rateHeaders = rateHeaders((RateLimiter.Allowed) decision);

    CanonicalMapper.Context context = new CanonicalMapper.Context(name, verified.messageId(), triggerId, source.config().environment());
    // A Vast source speaks only Vast's notification format, whatever the body looks like.
    Mapping mapping = source.config().scheme() == GatewayProperties.Scheme.VAST
        ? vastNotifications.map(clean, context) : mapper.map(clean, context);
    return switch (mapping) {
      case Mapping.Invalid invalid -> {
        count(name, "rejected_invalid_event");
        yield new Outcome.Refused(Refusal.INVALID_EVENT, invalid.violations().size() + " problem(s) with the event", Map.of(),
            invalid.violations().stream().map(v -> FieldViolation.at(v.pointer(), v.message(), v.kind().name())).toList());
      }
      case Mapping.Ignored ignored -> {
        replay.complete(replayKey, null, source.replayWindow());
        count(name, "ignored");
        yield new Outcome.Ignored(ignored.reason(), rateHeaders);
      }
      case Mapping.Event event -> {
        if (!handOff(name, event.event(), wireBytes(event, parsed, request.body()))) {
          yield new Outcome.Refused(Refusal.ROUTER_UNAVAILABLE, "the event could not be handed to the event router; retry later",
              Map.of("Retry-After", "5"), List.of());
        }
        replay.complete(replayKey, event.event().id(), source.replayWindow());
        count(name, "accepted");
        yield new Outcome.Accepted(event.event().id(), event.event().type().wireName(), rateHeaders);
      }
    };
  }

  /**
   * What the router receives. A CloudEvent in which cleaning changed nothing travels as it was
   * signed: the router parses and validates every event it takes with the same codec, and the
   * codec rejects duplicate and unknown members, so those bytes mean exactly the validated event;
   * serialising it again cost as much as parsing it. Anything else travels as the canonical
   * serialisation of the clean event.
   */
  private byte[] wireBytes(Mapping.Event mapped, Sanitizer.Parsed parsed, byte[] body) {
    return mapped.asSent() && parsed.cleanedNothing() ? body : codec.serialize(mapped.event());
  }

  /** Whether the event was handed off; a failure is counted and logged here. */
  private boolean handOff(String source, EventEnvelope event, byte[] json) {
    Timer.Sample sample = Timer.start(meters);
    try {
      handoff.handOff(event, json);
      sample.stop(handoffOk);
      return true;
    } catch (EventHandoff.HandoffException e) {
      sample.stop(handoffFailed);
      count(source, "rejected_handoff_failed");
      log.warn("hand-off of {} {} failed: {}", event.type(), event.id(), e.getMessage());
      return false;
    }
  }

  private static String triggerId(ConfiguredSource source, WebhookRequest request, JsonNode payload) {
    GatewayProperties.TriggerId config = source.config().triggerId();
    if (config.header() != null) {
      String value = request.headers().first(config.header());
      if (value != null && !value.isBlank()) {
        return bounded(value);
      }
    }
    if (config.jsonPointer() != null) {
      JsonNode value = payload.at(config.jsonPointer());
      if (value.isString() || value.isNumber()) {
        return bounded(value.asString());
      }
    }
    JsonNode canonical = payload.path("triggerid");
    if (canonical.isString() && !canonical.stringValue().isBlank()) {
      return bounded(canonical.stringValue());
    }
    return config.fallback() != null ? config.fallback() : source.name();
  }

  /** Trigger ids become cache keys: keep them short. */
  private static String bounded(String value) {
    String trimmed = value.trim();
    return trimmed.length() <= 256 ? trimmed : trimmed.substring(0, 256);
  }

  private static boolean isJson(@Nullable String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return type.equals("application/json") || type.startsWith("application/") && type.endsWith("+json");
  }

  private static Outcome.Refused rateLimited(Refusal reason, RateLimiter.Limited limited, String detail) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Retry-After", Long.toString(limited.retryAfterSeconds()));
    headers.put("RateLimit-Limit", Long.toString(limited.limit()));
    headers.put("RateLimit-Remaining", "0");
    headers.put("RateLimit-Reset", Long.toString(limited.retryAfterSeconds()));
    return new Outcome.Refused(reason, detail, headers, List.of());
  }

  private static Map<String, String> rateHeaders(RateLimiter.Allowed allowed) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("RateLimit-Limit", Long.toString(allowed.limit()));
    headers.put("RateLimit-Remaining", Long.toString(allowed.remaining()));
    headers.put("RateLimit-Reset", Long.toString(allowed.resetSeconds()));
    return headers;
  }

  private void count(String source, String outcome) {
    counters.computeIfAbsent(source + "\u0000" + outcome, key -> Counter.builder("vastmesh.gateway.webhooks")
        .tag("source", source).tag("outcome", outcome).description("Webhooks received, by source and outcome")
        .register(meters)).increment();
  }
}
