package dev.vastmesh.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.events.EventCodec;
import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.EventIds;
import dev.vastmesh.events.EventType;
import dev.vastmesh.events.payload.DeploymentStarted;
import dev.vastmesh.events.testing.EventFixtures;
import dev.vastmesh.testsupport.Problems;
import dev.vastmesh.testsupport.ServiceClient.Response;
import dev.vastmesh.gateway.signature.GitHubVerifier;
import dev.vastmesh.gateway.signature.HmacTimestampVerifier;
import dev.vastmesh.gateway.support.FakeRouter;
import dev.vastmesh.gateway.support.GatewayClient;
import dev.vastmesh.gateway.support.Signed;
import dev.vastmesh.gateway.support.TestClock;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every pipeline step, its pass and its rejection, over HTTP, in the embedded mode. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "vastmesh.gateway.router.token=router-token",
    "vastmesh.gateway.sources.ci.scheme=standard_webhooks",
    "vastmesh.gateway.sources.ci.secrets[0]=" + Signed.SECRET,
    "vastmesh.gateway.sources.ci.trigger-id.header=X-Trigger-Id",
    "vastmesh.gateway.sources.ci.rate-per-minute=5",
    "vastmesh.gateway.sources.ci.max-body-bytes=4096",
    "vastmesh.gateway.sources.gitlab.scheme=gitlab_token",
    "vastmesh.gateway.sources.gitlab.secrets[0]=gitlab-token-value",
    "vastmesh.gateway.sources.gitlab.trigger-id.json-pointer=/object_attributes/id",
    "vastmesh.gateway.sources.gitlab.environment=prod",
    "vastmesh.gateway.sources.github.scheme=github",
    "vastmesh.gateway.sources.github.secrets[0]=It's a Secret to Everybody",
    "vastmesh.gateway.sources.shell.scheme=hmac_timestamp",
    "vastmesh.gateway.sources.shell.secrets[0]=ci-shared-secret",
    "vastmesh.gateway.flood.per-client-per-minute=100000"})
@Import(TestClock.class)
class WebhookGatewayIntegrationTests {

  static final String WEBHOOK = "/api/v1/webhooks/{source}";
  // One router for the class and its Redis subclass; the JVM ends it.
  static final FakeRouter ROUTER = new FakeRouter();

  @DynamicPropertySource
  static void router(DynamicPropertyRegistry registry) {
    registry.add("vastmesh.gateway.router.url", ROUTER::url);
  }

  @LocalServerPort
  int port;
  @Autowired
  Clock clock;

  GatewayClient api;
  final EventCodec codec = EventCodec.standard();

  @BeforeEach
  void reset() {
    api = new GatewayClient(port);
    ROUTER.answer(202);
    ROUTER.clear();
  }

  private static String fixture(EventType type) {
    return new String(EventFixtures.bytes(type), StandardCharsets.UTF_8);
  }

  /** A canonical event with a fresh id and trigger id, so tests neither replay nor rate-limit each other. */
  private static String freshEvent(EventType type) {
    return fixture(type).replaceFirst("\"id\":\"[^\"]+\"", "\"id\":\"" + UUID.randomUUID() + "\"")
        .replace("\"triggerid\":\"gitlab-pipeline-123\"", "\"triggerid\":\"" + UUID.randomUUID() + "\"");
  }

  private Response send(String source, String body, String... headers) {
    return api.postWithHeaders(WEBHOOK, new Object[] {source}, "application/json",
        body.getBytes(StandardCharsets.UTF_8), headers);
  }

  @Test
  void signedCanonicalEventIsHandedOffAndAccepted() {
    String body = freshEvent(EventType.DEPLOYMENT_STARTED);

    Response response = send("ci", body, Signed.with(Signed.standard(body, clock.instant()), "X-Trigger-Id", "pipeline-1"));

    assertThat(response.status()).isEqualTo(202);
    EventEnvelope sent = codec.parse(body.getBytes(StandardCharsets.UTF_8));
    assertThat(response.json().get("event_id").asString()).isEqualTo(sent.id());
    assertThat(response.json().get("type").asString()).isEqualTo("vastai.deployment.started");
    assertThat(response.header("RateLimit-Limit")).isEqualTo("5");
    assertThat(ROUTER.received()).singleElement().satisfies(received -> {
      assertThat(received.authorization()).isEqualTo("Bearer router-token");
      assertThat(received.contentType()).isEqualTo("application/cloudevents+json");
      assertThat(codec.parse(received.body().getBytes(StandardCharsets.UTF_8))).isEqualTo(sent);
    });
  }

  @Test
  void aCleanCloudEventTravelsToTheRouterAsItWasSigned() {
    // Indented, so the bytes differ from the canonical serialisation the router would otherwise get.
    String body = codec.readTree(freshEvent(EventType.DEPLOYMENT_STARTED).getBytes(StandardCharsets.UTF_8)).toPrettyString();

    Response response = send("ci", body, Signed.standard(body, clock.instant()));

    assertThat(response.status()).isEqualTo(202);
    EventEnvelope sent = codec.parse(body.getBytes(StandardCharsets.UTF_8));
    assertThat(codec.serializeToString(sent)).isNotEqualTo(body);
    assertThat(ROUTER.received()).singleElement().extracting(FakeRouter.Received::body).isEqualTo(body);
  }

  @Test
  void replayIsAnswered200WithTheOriginalEventIdAndNotDeliveredTwice() {
    String body = freshEvent(EventType.DEPLOYMENT_STARTED);
    String[] headers = Signed.standard(body, clock.instant());
    String eventId = send("ci", body, headers).json().get("event_id").asString();

    Response replay = send("ci", body, headers);

    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.json().get("status").asString()).isEqualTo("duplicate");
    assertThat(replay.json().get("event_id").asString()).isEqualTo(eventId);
    assertThat(ROUTER.received()).hasSize(1);
  }

  @Test
  void badOrMissingSignaturesAreRefusedWithOneVagueAnswer() {
    String body = freshEvent(EventType.DEPLOYMENT_STARTED);
    String[] good = Signed.standard(body, clock.instant());
    String[] tampered = good.clone();
    tampered[5] = "v1,AAAA" + good[5].substring(7);

    Response bad = send("ci", body, tampered);
    Response missing = send("ci", body, "webhook-id", "x");
    Response stale = send("ci", body, Signed.standard(body, clock.instant().minusSeconds(301)));
    Response future = send("ci", body, Signed.standard(body, clock.instant().plusSeconds(301)));
    Response otherBody = send("ci", body.replace("deploy-2026", "deploy-2027"), good);

    for (Response response : new Response[] {bad, missing, stale, future, otherBody}) {
      assertThat(response.status()).isEqualTo(401);
      assertThat(response.json().get("type").asString()).isEqualTo("https://vastmesh.dev/problems/signature-invalid");
      assertThat(response.json().get("detail").asString()).isEqualTo("the webhook's signature could not be verified; the reason"
          + " is in the gateway's log and in vastmesh_gateway_webhooks_total{outcome} (outcome=\"rejected_<reason>\")");
      assertThat(response.body()).doesNotContain(Signed.SECRET).doesNotContain("MfKQ9r8GKYqr");
    }
    assertThat(ROUTER.received()).isEmpty();
    String metrics = api.get("/actuator/prometheus", "", null).body();
    assertThat(metrics).contains("outcome=\"rejected_bad_signature\",source=\"ci\"");
    assertThat(metrics).contains("outcome=\"rejected_timestamp_too_old\",source=\"ci\"");
    assertThat(metrics).contains("outcome=\"rejected_timestamp_in_future\",source=\"ci\"");
    assertThat(metrics).contains("outcome=\"rejected_missing_header\",source=\"ci\"");
    assertThat(metrics).doesNotContain(Signed.SECRET).doesNotContain("gitlab-token-value");
  }

  @Test
  void oversizedBodiesAreRefusedBeforeVerificationWhetherDeclaredOrStreamed() throws Exception {
    String huge = "{\"x\":\"" + "a".repeat(5000) + "\"}";
    Response declared = send("ci", huge, Signed.standard(huge, clock.instant()));
    assertThat(declared.status()).isEqualTo(413);
    assertThat(declared.json().get("type").asString()).isEqualTo("https://vastmesh.dev/problems/payload-too-large");

    HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/webhooks/ci"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge.getBytes()))).build();
    HttpResponse<String> streamed = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());
    assertThat(streamed.statusCode()).isEqualTo(413);
    assertThat(api.get("/actuator/prometheus", "", null).body()).doesNotContain("rejected_bad_signature\",source=\"ci\"} 2");
  }

  @Test
  void onlyJsonIsAccepted() {
    String body = freshEvent(EventType.DEPLOYMENT_STARTED);
    Response text = api.postWithHeaders(WEBHOOK, new Object[] {"ci"}, "text/plain", body.getBytes(), Signed.standard(body, clock.instant()));
    assertThat(text.status()).isEqualTo(415);
    assertThat(text.json().get("type").asString()).isEqualTo("https://vastmesh.dev/problems/unsupported-media-type");
    Response cloudEvents = api.postWithHeaders(WEBHOOK, new Object[] {"ci"}, "application/cloudevents+json", body.getBytes(),
        Signed.standard(body, clock.instant()));
    assertThat(cloudEvents.status()).isEqualTo(202);
  }

  @Test
  void unknownSourcesAre404() {
    Response response = send("nobody", "{}", "webhook-id", "x");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.json().get("type").asString()).isEqualTo("https://vastmesh.dev/problems/unknown-source");
  }

  @Test
  void rateLimitPerTriggerIdAnswers429WithRetryAfterAndRateLimitHeaders() {
    String trigger = "pipeline-" + UUID.randomUUID();
    for (int i = 0; i < 5; i++) {
      String body = freshEvent(EventType.DEPLOYMENT_STARTED);
      assertThat(send("ci", body, Signed.with(Signed.standard(body, clock.instant()), "X-Trigger-Id", trigger)).status()).isEqualTo(202);
    }
    String body = freshEvent(EventType.DEPLOYMENT_STARTED);
    String[] headers = Signed.with(Signed.standard(body, clock.instant()), "X-Trigger-Id", trigger);

    Response limited = send("ci", body, headers);

    assertThat(limited.status()).isEqualTo(429);
    assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
    assertThat(limited.header("RateLimit-Remaining")).isEqualTo("0");
    assertThat(limited.header("RateLimit-Limit")).isEqualTo("5");
    String other = freshEvent(EventType.DEPLOYMENT_STARTED);
    assertThat(send("ci", other, Signed.with(Signed.standard(other, clock.instant()), "X-Trigger-Id", "another")).status()).isEqualTo(202);
  }

  @Test
  void routerDownAnswers503AndTheSendersRetryIsAcceptedLater() {
    String body = freshEvent(EventType.DEPLOYMENT_STARTED);
    String[] headers = Signed.standard(body, clock.instant());
    ROUTER.answer(503);

    Response down = send("ci", body, headers);

    assertThat(down.status()).isEqualTo(503);
    assertThat(down.header("Retry-After")).isEqualTo("5");
    assertThat(down.json().get("type").asString()).isEqualTo("https://vastmesh.dev/problems/router-unavailable");
    ROUTER.answer(202);
    Response retried = send("ci", body, headers);
    assertThat(retried.status()).isEqualTo(202);
    assertThat(ROUTER.received()).hasSize(1);
  }

  @Test
  void invalidCanonicalEventIs400WithEveryInvalidValue() {
    String body = freshEvent(EventType.DEPLOYMENT_STARTED).replace("\"specversion\":\"1.0\"", "\"specversion\":\"0.3\"")
        .replace("\"deployment_id\":\"deploy-2026-01-04-1\",", "");
    String[] headers = Signed.standard(body, clock.instant());

    Response invalid = send("ci", body, headers);

    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.json().get("type").asString()).isEqualTo("https://vastmesh.dev/problems/invalid-event");
    assertThat(invalid.json().get("errors")).hasSize(2);
    assertThat(send("ci", body, headers).status()).as("a rejected message is not remembered as done").isEqualTo(400);
    assertThat(ROUTER.received()).isEmpty();
  }

  @Test
  void anUnknownEventTypeIsTheSameValidationProblemAsAtTheRouter() {
    String body = freshEvent(EventType.DEPLOYMENT_STARTED).replace("vastai.deployment.started", "vastai.deployment.exploded");
    Response invalid = send("ci", body, Signed.standard(body, clock.instant()));

    assertThat(invalid.status()).isEqualTo(400);
    Problems.assertOneInvalidValue(invalid.json(), "invalid-event", "/type", "UNKNOWN_TYPE", "vastai.deployment.exploded");
  }

  @Test
  void verifiedButMalformedJsonIs400() {
    String body = "{\"specversion\": ";
    Response response = send("ci", body, Signed.standard(body, clock.instant()));
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("type").asString()).isEqualTo("https://vastmesh.dev/problems/malformed-payload");
  }

  @Test
  void stringsOfTheParsedCopyAreCleanedWhileTheSignedBytesVerify() {
    // JSON escapes: a combining accent (NFD), a bell and a NUL inside one string value.
    String dirty = "cafe\\u0301\\u0007 team\\u0000";
    String body = freshEvent(EventType.DEPLOYMENT_STARTED).replace("platform/embeddings", dirty);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

    Response response = api.postWithHeaders(WEBHOOK, new Object[] {"ci"}, "application/json", bytes, Signed.standard(body, clock.instant()));

    assertThat(response.status()).isEqualTo(202);
    String received = ROUTER.received().getFirst().body();
    EventEnvelope delivered = codec.parse(received.getBytes(StandardCharsets.UTF_8));
    assertThat(delivered.dataAs(DeploymentStarted.class).project()).isEqualTo("caf\u00e9 team");
    // Not the signed bytes: the router gets the clean event, serialised.
    assertThat(received).isEqualTo(codec.serializeToString(delivered)).doesNotContain("\\u0007");
  }

  @Test
  void gitLabPipelineHooksBecomeDeploymentEventsWithStableIds() {
    String uuid = UUID.randomUUID().toString();
    String success = """
        {"object_kind":"pipeline","object_attributes":{"id":31,"ref":"main","status":"success","duration":63},
         "project":{"path_with_namespace":"platform/embeddings"}}""";
    String[] headers = {"X-Gitlab-Token", "gitlab-token-value", "X-Gitlab-Webhook-UUID", uuid, "X-Gitlab-Event", "Pipeline Hook"};

    Response accepted = send("gitlab", success, headers);
    Response again = send("gitlab", success, headers);

    assertThat(accepted.status()).isEqualTo(202);
    assertThat(accepted.json().get("type").asString()).isEqualTo("vastai.deployment.completed");
    String eventId = EventIds.nameBased("gitlab:" + uuid).toString();
    assertThat(accepted.json().get("event_id").asString()).isEqualTo(eventId);
    assertThat(again.json().get("event_id").asString()).isEqualTo(eventId);
    EventEnvelope event = codec.parse(ROUTER.received().getFirst().body().getBytes(StandardCharsets.UTF_8));
    assertThat(event.environment()).isEqualTo("prod");
    assertThat(event.triggerId()).isEqualTo("31");

    Response pending = send("gitlab", success.replace("success", "pending"),
        "X-Gitlab-Token", "gitlab-token-value", "X-Gitlab-Webhook-UUID", UUID.randomUUID().toString());
    assertThat(pending.status()).isEqualTo(200);
    assertThat(pending.json().get("status").asString()).isEqualTo("ignored");
    assertThat(send("gitlab", success, "X-Gitlab-Token", "wrong", "X-Gitlab-Webhook-UUID", uuid).status()).isEqualTo(401);
  }

  @Test
  void gitHubSignaturesAreVerifiedAndUnmappedPayloadsIgnored() {
    String push = "{\"ref\":\"refs/heads/main\",\"zen\":\"Keep it logically awesome.\"}";
    String signature = GitHubVerifier.sign("It's a Secret to Everybody", push.getBytes(StandardCharsets.UTF_8));

    Response ok = send("github", push, "X-Hub-Signature-256", signature, "X-GitHub-Delivery", UUID.randomUUID().toString());
    Response bad = send("github", push, "X-Hub-Signature-256", signature.replace('a', 'b'), "X-GitHub-Delivery", "d");

    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().get("status").asString()).isEqualTo("ignored");
    assertThat(bad.status()).isEqualTo(401);
  }

  @Test
  void theDesignsShellSchemeIsAccepted() {
    String body = freshEvent(EventType.COST_SAMPLED);
    long ts = clock.instant().getEpochSecond();
    String signature = HmacTimestampVerifier.sign("ci-shared-secret", ts, body.getBytes(StandardCharsets.UTF_8));

    Response response = send("shell", body, "X-Signature", signature, "X-Timestamp", Long.toString(ts));

    assertThat(response.status()).isEqualTo(202);
    assertThat(send("shell", body, "X-Signature", signature, "X-Timestamp", Long.toString(ts)).json().get("status").asString())
        .isEqualTo("duplicate");
  }

  @Test
  void requestsSignedByTheReferenceStandardWebhooksLibraryAreAccepted() throws Exception {
    String body = freshEvent(EventType.INSTANCE_READY);
    String messageId = "msg_" + UUID.randomUUID();
    long ts = clock.instant().getEpochSecond();
    String signature = new com.standardwebhooks.Webhook(Signed.SECRET).sign(messageId, ts, body);

    Response response = send("ci", body, "webhook-id", messageId, "webhook-timestamp", Long.toString(ts), "webhook-signature", signature);

    assertThat(response.status()).isEqualTo(202);
  }

  @Test
  void probesAreUp() {
    assertThat(api.get("/actuator/health/readiness", "", null).status()).isEqualTo(200);
    assertThat(api.get("/actuator/health/liveness", "", null).status()).isEqualTo(200);
  }
}
