package dev.vastmesh.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.events.StandardWebhooks;
import dev.vastmesh.events.EventCodec;
import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.EventType;
import dev.vastmesh.events.testing.EventFixtures;
import dev.vastmesh.gateway.api.Refusals;
import dev.vastmesh.gateway.config.GatewayProperties;
import dev.vastmesh.gateway.config.Sources;
import dev.vastmesh.gateway.handoff.EventHandoff;
import dev.vastmesh.gateway.mapping.CanonicalMapper;
import dev.vastmesh.gateway.mapping.VastNotificationMapper;
import dev.vastmesh.gateway.ratelimit.FloodLimiter;
import dev.vastmesh.gateway.ratelimit.RateLimiter;
import dev.vastmesh.gateway.replay.InMemoryReplayGuard;
import dev.vastmesh.gateway.signature.VastVerifier;
import dev.vastmesh.gateway.signature.WebhookHeaders;
import dev.vastmesh.support.config.StateMode;
import dev.vastmesh.support.problem.Problem;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Property tests of verification + parsing with arbitrary input: no header set and no body ever
 * produces a 5xx or an unexpected exception, and nothing is ever handed off without a valid
 * signature; validly signed arbitrary bodies still never produce a 5xx, and whatever is handed
 * off is a valid canonical event.
 */
class PipelineFuzzTests {

  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final Instant NOW = Instant.parse("2026-01-04T12:00:00Z");
  static final List<String> HEADER_NAMES = List.of("webhook-id", "webhook-timestamp", "webhook-signature",
      "X-Hub-Signature-256", "X-GitHub-Delivery", "X-Gitlab-Token", "Idempotency-Key", "X-Signature", "X-Timestamp",
      "X-Trigger-Id", "X-Vast-Signature-256", "X-Vast-Timestamp", "X-Vast-Event-Id", "X-Vast-Delivery-Attempt");
  static final String VAST_SECRET = "vast-test-secret";

  final List<EventEnvelope> handedOff = new CopyOnWriteArrayList<>();
  final WebhookPipeline pipeline = pipeline();

  private WebhookPipeline pipeline() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    GatewayProperties.TriggerId trigger = new GatewayProperties.TriggerId("X-Trigger-Id", "/object_attributes/id", null);
    Map<String, GatewayProperties.Source> sources = Map.of(
        "ci", source(GatewayProperties.Scheme.STANDARD_WEBHOOKS, SECRET, trigger),
        "gh", source(GatewayProperties.Scheme.GITHUB, "gh-secret", trigger),
        "gl", source(GatewayProperties.Scheme.GITLAB_TOKEN, "gl-token", trigger),
        "sh", source(GatewayProperties.Scheme.HMAC_TIMESTAMP, "sh-secret", trigger),
        "vast", source(GatewayProperties.Scheme.VAST, VAST_SECRET, trigger));
    GatewayProperties properties = new GatewayProperties(StateMode.MEMORY, GatewayProperties.Handoff.AUTO, sources,
        new GatewayProperties.Router(URI.create("http://127.0.0.1:1"), null, Duration.ofSeconds(1)),
        new GatewayProperties.Redis("x:", "x"), new GatewayProperties.Flood(Integer.MAX_VALUE));
    EventHandoff recording = new EventHandoff() {
      @Override
      public void handOff(EventEnvelope event, byte[] json) {
        handedOff.add(event);
      }

      @Override
      public String mode() {
        return "test";
      }
    };
    return new WebhookPipeline(new Sources(properties, clock),
        new FloodLimiter(RateLimiter.inMemory(100_000)),
        RateLimiter.inMemory(100_000),
        new InMemoryReplayGuard(clock, 100_000, java.time.Duration.ofSeconds(30)), new CanonicalMapper(clock),
        new VastNotificationMapper(clock, new SimpleMeterRegistry()), recording, properties, new SimpleMeterRegistry());
  }

  private static GatewayProperties.Source source(GatewayProperties.Scheme scheme, String secret, GatewayProperties.TriggerId trigger) {
    return new GatewayProperties.Source(scheme, List.of(secret), Duration.ofSeconds(300), null, Integer.MAX_VALUE, 65_536, trigger, null);
  }

  @Property(tries = 3000)
  void arbitraryRequestsNeverFailServerSideNorPassUnsigned(@ForAll("sourceNames") String source,
      @ForAll("headers") Map<String, String> headers, @ForAll("bodies") byte[] body, @ForAll("contentTypes") String contentType) {
    Outcome outcome = pipeline.process(new WebhookRequest(source, WebhookHeaders.of(headers), contentType, body, "10.0.0.1"));
    if (!(outcome instanceof Outcome.Refused refused)) {
      throw new AssertionError("an unsigned request was not refused: " + outcome);
    }
    Problem problem = Refusals.problem(refused);
    assertThat(problem.status().value()).isBetween(400, 499);
    assertThat(handedOff).isEmpty();
  }

  @Property(tries = 2000)
  void validlySignedArbitraryBodiesNeverFailServerSide(@ForAll("bodies") byte[] body, @ForAll("messageIds") String messageId) {
    String signature = StandardWebhooks.forSecret(SECRET).sign(messageId, NOW.getEpochSecond(), body);
    Map<String, String> headers = Map.of("webhook-id", messageId, "webhook-timestamp", Long.toString(NOW.getEpochSecond()),
        "webhook-signature", signature);
    int before = handedOff.size();
    String result;
    Outcome outcome = pipeline.process(new WebhookRequest("ci", WebhookHeaders.of(headers), "application/json", body, "10.0.0.2"));
    if (outcome instanceof Outcome.Refused refused) {
      Problem problem = Refusals.problem(refused);
      assertThat(problem.status().value()).isIn(400, 413);
      result = problem.status().value() + " " + problem.kind();
    } else {
      result = outcome.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
    // The property is only meaningful if every path is exercised, accepted events included.
    Statistics.label("outcome").collect(result).coverage(coverage -> {
      coverage.check("accepted").count(n -> n > 0);
      coverage.check("ignored").count(n -> n > 0);
      coverage.check("400 malformed-payload").count(n -> n > 0);
      coverage.check("400 invalid-event").count(n -> n > 0);
    });
    for (EventEnvelope event : handedOff.subList(before, handedOff.size())) {
      assertThat(EventCodec.standard().validate(event)).isEmpty();
    }
  }

  @Property(tries = 2000)
  void validlySignedArbitraryVastDeliveriesNeverFailServerSide(@ForAll("vastBodies") byte[] body, @ForAll("vastEventIds") String eventId,
      @ForAll("attempts") String attempt) {
    String ts = Long.toString(NOW.getEpochSecond());
    Map<String, String> headers = Map.of("X-Vast-Event-Id", eventId, "X-Vast-Timestamp", ts, "X-Vast-Delivery-Attempt", attempt,
        "X-Vast-Signature-256", VastVerifier.sign(VAST_SECRET, ts, body));
    int before = handedOff.size();
    String result;
    Outcome outcome = pipeline.process(new WebhookRequest("vast", WebhookHeaders.of(headers), "application/json", body, "10.0.0.3"));
    if (outcome instanceof Outcome.Refused refused) {
      Problem problem = Refusals.problem(refused);
      assertThat(problem.status().value()).isIn(400, 401, 413);
      result = Integer.toString(problem.status().value());
    } else {
      result = outcome.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
    Statistics.label("outcome").collect(result).coverage(coverage -> {
      coverage.check("accepted").count(n -> n > 0);
      coverage.check("ignored").count(n -> n > 0);
      coverage.check("400").count(n -> n > 0);
    });
    for (EventEnvelope event : handedOff.subList(before, handedOff.size())) {
      assertThat(EventCodec.standard().validate(event)).isEmpty();
    }
  }

  @Provide
  Arbitrary<String> vastEventIds() {
    return Arbitraries.strings().withChars("0123456789abcdef").ofLength(32);
  }

  @Provide
  Arbitrary<String> attempts() {
    return Arbitraries.oneOf(Arbitraries.integers().between(1, 20).map(Object::toString), Arbitraries.of("0", "x", ""));
  }

  /** Vast-shaped notifications with arbitrary types and texts, mutated ones and arbitrary bytes. */
  @Provide
  Arbitrary<byte[]> vastBodies() {
    Arbitrary<String> types = Arbitraries.oneOf(Arbitraries.of("outbid", "instance_offline", "instance_online", "low_credit",
        "billing_failed", "webhook_test", "instance_deleted", "error_msgs", "storage_full", "payment_receipt", "idle_gpu"),
        Arbitraries.strings().ofMaxLength(20));
    Arbitrary<String> texts = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(120),
        Arbitraries.longs().between(-5, Long.MAX_VALUE).map(id -> "Your Interruptible Instance #" + id + " Has Been Outbid"),
        Arbitraries.longs().between(0, 99_999_999).map(id -> "instance " + id + " on machine 42 has been outbid"));
    Arbitrary<String> timestamps = Arbitraries.oneOf(Arbitraries.of("1772490000.123", "-1", "1e300", "\"x\"", "null"),
        Arbitraries.doubles().between(0, 5e9).map(Object::toString));
    Arbitrary<byte[]> shaped = Combinators.combine(types, texts, texts, timestamps).as((type, subject, message, ts) ->
        ("{\"event_id\":\"e\",\"user_id\":123,\"notif_type\":" + quote(type) + ",\"subject\":" + quote(subject)
            + ",\"message\":" + quote(message) + ",\"timestamp\":" + ts + "}").getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> mutated = Combinators.combine(shaped, Arbitraries.integers().between(0, 400), Arbitraries.chars().ascii())
        .as((bytes, at, c) -> {
          byte[] copy = bytes.clone();
          copy[at % copy.length] = (byte) c.charValue();
          return copy;
        });
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, shaped), net.jqwik.api.Tuple.of(2, mutated),
        net.jqwik.api.Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(200)));
  }

  private static String quote(String text) {
    return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(text);
  }

  @Provide
  Arbitrary<String> sourceNames() {
    return Arbitraries.oneOf(Arbitraries.of("ci", "gh", "gl", "sh", "vast"), Arbitraries.strings().ofMaxLength(12));
  }

  @Provide
  Arbitrary<String> messageIds() {
    return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(40);
  }

  @Provide
  Arbitrary<String> contentTypes() {
    return Arbitraries.oneOf(Arbitraries.of("application/json", "application/cloudevents+json; charset=utf-8", "text/plain"),
        Arbitraries.strings().ofMaxLength(30));
  }

  @Provide
  Arbitrary<Map<String, String>> headers() {
    Arbitrary<String> values = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(80),
        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(12),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(b -> "v1," + java.util.Base64.getEncoder().encodeToString(b)),
        Arbitraries.strings().withChars("0123456789abcdef").ofMaxLength(64).map(h -> "sha256=" + h),
        Arbitraries.just(Long.toString(NOW.getEpochSecond())));
    return Arbitraries.maps(Arbitraries.of(HEADER_NAMES), values).ofMaxSize(HEADER_NAMES.size());
  }

  @Provide
  Arbitrary<byte[]> bodies() {
    List<byte[]> fixtures = Arrays.stream(EventType.values()).map(EventFixtures::bytes).toList();
    Arbitrary<byte[]> mutatedFixture = Combinators.combine(Arbitraries.of(fixtures), Arbitraries.integers().between(0, 2000),
        Arbitraries.chars().ascii()).as((fixture, at, c) -> {
          byte[] copy = fixture.clone();
          copy[at % copy.length] = (byte) c.charValue();
          return copy;
        });
    Arbitrary<byte[]> gitlab = Combinators.combine(Arbitraries.of("pipeline", "deployment", "push", ""),
        Arbitraries.of("running", "success", "failed", "canceled", "pending", "??"), Arbitraries.integers().between(-5, 1_000_000))
        .as((kind, status, id) -> ("{\"object_kind\":\"" + kind + "\",\"status\":\"" + status + "\",\"deployment_id\":" + id
            + ",\"object_attributes\":{\"id\":" + id + ",\"status\":\"" + status + "\"}}").getBytes(StandardCharsets.UTF_8));
    return Arbitraries.oneOf(Arbitraries.of(fixtures), mutatedFixture, gitlab,
        Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
        Arbitraries.strings().ofMaxLength(300).map(s -> s.getBytes(StandardCharsets.UTF_8)));
  }
}
