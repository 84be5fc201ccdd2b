package dev.vastmesh.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.events.EventCodec;
import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.EventIds;
import dev.vastmesh.events.EventType;
import dev.vastmesh.events.payload.CostAccountAlert;
import dev.vastmesh.events.payload.InstanceTerminated;
import dev.vastmesh.testsupport.ServiceClient.Response;
import dev.vastmesh.gateway.signature.VastVerifier;
import dev.vastmesh.gateway.support.FakeRouter;
import dev.vastmesh.gateway.support.GatewayClient;
import dev.vastmesh.gateway.support.TestClock;
import dev.vastmesh.gateway.support.VastSender;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Vast.ai's own notifications over HTTP, signed as Vast signs them: accepted, mapped, replayed, refused. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "vastmesh.gateway.router.token=router-token",
    "vastmesh.gateway.sources.vast.scheme=vast",
    "vastmesh.gateway.sources.vast.secrets[0]=" + VastSender.SECRET,
    "vastmesh.gateway.sources.vast.environment=prod",
    "vastmesh.gateway.flood.per-client-per-minute=100000"})
@Import(TestClock.class)
class VastNotificationsIntegrationTests {

  static final String WEBHOOK = "/api/v1/webhooks/{source}";
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

  private static String eventId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  private Response send(String body, String... headers) {
    return api.postWithHeaders(WEBHOOK, new Object[] {"vast"}, "application/json", body.getBytes(StandardCharsets.UTF_8), headers);
  }

  @Test
  void aLowCreditNotificationBecomesAnAccountAlertHandedOffBeforeThe202() {
    String id = eventId();
    String body = VastSender.body(id, "low_credit", "Low balance", "Balance below threshold.", clock.instant());

    Response response = send(body, VastSender.headers(body, id, 1, clock.instant()));

    assertThat(response.status()).isEqualTo(202);
    assertThat(response.json().get("type").asString()).isEqualTo("vastai.cost.account_alert");
    assertThat(response.json().get("event_id").asString()).isEqualTo(EventIds.nameBased("vast:" + id).toString());
    EventEnvelope event = codec.parse(ROUTER.received().getFirst().body().getBytes(StandardCharsets.UTF_8));
    assertThat(event.dataAs(CostAccountAlert.class).subject()).isEqualTo("Low balance");
    assertThat(event.environment()).isEqualTo("prod");
  }

  @Test
  void anOutbidInstanceBecomesATerminationAgentsCanActOn() {
    String id = eventId();
    String body = VastSender.body(id, "outbid", "Your Interruptible Instance #29484611 Has Been Outbid",
        "Your instance 29484611 on machine 4242 has been outbid and will be stopped.", clock.instant());

    Response response = send(body, VastSender.headers(body, id, 1, clock.instant()));

    assertThat(response.status()).isEqualTo(202);
    EventEnvelope event = codec.parse(ROUTER.received().getFirst().body().getBytes(StandardCharsets.UTF_8));
    assertThat(event.type()).isEqualTo(EventType.INSTANCE_TERMINATED);
    assertThat(event.subject()).isEqualTo("29484611");
    assertThat(event.dataAs(InstanceTerminated.class).note()).contains("best effort");
  }

  @Test
  void aRetryWithALaterAttemptIsAReplayAnsweredWithTheOriginalEvent() {
    String id = eventId();
    String body = VastSender.body(id, "low_credit", "Low balance", "Balance below threshold.", clock.instant());
    String first = send(body, VastSender.headers(body, id, 1, clock.instant())).json().get("event_id").asString();

    Response sameAttempt = send(body, VastSender.headers(body, id, 1, clock.instant()));
    Response laterAttempt = send(body, VastSender.headers(body, id, 4, clock.instant().plusSeconds(60)));

    for (Response replay : new Response[] {sameAttempt, laterAttempt}) {
      assertThat(replay.status()).isEqualTo(200);
      assertThat(replay.json().get("status").asString()).isEqualTo("duplicate");
      assertThat(replay.json().get("event_id").asString()).isEqualTo(first);
    }
    assertThat(ROUTER.received()).hasSize(1);
  }

  @Test
  void theTestDeliveryIsAnswered200AndNeverReachesTheRouter() {
    String id = eventId();
    String body = VastSender.body(id, "webhook_test", "Vast.ai webhook test", "This is a test.", clock.instant());
    int routerRequests = ROUTER.started();

    Response response = send(body, VastSender.headers(body, id, 1, clock.instant()));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("status").asString()).isEqualTo("ignored");
    assertThat(ROUTER.started()).isEqualTo(routerRequests);
    assertThat(metrics()).contains("vastmesh_gateway_vast_notifications_total{notif_type=\"webhook_test\",outcome=\"test\",source=\"vast\"} 1.0");
  }

  @Test
  void typesWithoutAnEventAreAcceptedAndCountedUndocumentedOnesAsOther() {
    for (String type : new String[] {"payment_receipt", "instance_started", "brand_new_type"}) {
      String id = eventId();
      String body = VastSender.body(id, type, "Your Vast.ai Instance #31 Is Now Running", "You are being charged $0.031/hr", clock.instant());
      Response response = send(body, VastSender.headers(body, id, 1, clock.instant()));
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.json().get("status").asString()).isEqualTo("ignored");
    }
    assertThat(ROUTER.received()).isEmpty();
    String metrics = metrics();
    assertThat(metrics).contains("notif_type=\"payment_receipt\",outcome=\"no_event\"").contains("notif_type=\"other\",outcome=\"no_event\"")
        .doesNotContain("brand_new_type");
  }

  @Test
  void everyRejectionIsOneVagueProblemWithItsPreciseReasonInTheMetrics() {
    String id = eventId();
    Instant now = clock.instant();
    String body = VastSender.body(id, "low_credit", "Low balance", "Balance below threshold.", now);
    String[] good = VastSender.headers(body, id, 1, now);
    String signature = good[3];
    Map<String, String[]> cases = new LinkedHashMap<>();
    cases.put("missing_header", without(good, VastVerifier.TIMESTAMP));
    cases.put("missing_header ", without(good, VastVerifier.EVENT_ID));
    cases.put("malformed_header", replaced(good, VastVerifier.SIGNATURE, signature.substring(7)));
    cases.put("malformed_header ", replaced(good, VastVerifier.ATTEMPT, "first"));
    cases.put("timestamp_too_old", VastSender.headers(body, id, 1, now.minusSeconds(301)));
    cases.put("timestamp_in_future", VastSender.headers(body, id, 1, now.plusSeconds(301)));
    cases.put("bad_signature", replaced(good, VastVerifier.SIGNATURE,
        "sha256=" + HexFormat.of().formatHex(new byte[32])));
    cases.put("malformed_timestamp", malformedTimestamp(body, id));

    cases.forEach((reason, headers) -> {
      Response response = send(body, headers);
      assertThat(response.status()).as(reason).isEqualTo(401);
      assertThat(response.header("Content-Type")).startsWith("application/problem+json");
      assertThat(response.json().get("type").asString()).isEqualTo("https://vastmesh.dev/problems/signature-invalid");
      assertThat(response.body()).doesNotContain(VastSender.SECRET);
    });
    Response changedBody = send(body.replace("Low balance", "Low balanse"), good);
    assertThat(changedBody.status()).isEqualTo(401);
    assertThat(ROUTER.received()).isEmpty();
    String metrics = metrics();
    for (String reason : cases.keySet()) {
      assertThat(metrics).contains("outcome=\"rejected_" + reason.strip() + "\",source=\"vast\"");
    }
    assertThat(metrics).doesNotContain(VastSender.SECRET);
    assertThat(send(body, good).status()).as("nothing refused was remembered").isEqualTo(202);
  }

  @Test
  void aFailedHandOffIs503SoVastRetriesAndTheRetryIsAccepted() {
    String id = eventId();
    String body = VastSender.body(id, "billing_failed", "Payment failed", "Your card was declined.", clock.instant());
    ROUTER.answer(503);

    Response down = send(body, VastSender.headers(body, id, 1, clock.instant()));

    assertThat(down.status()).isEqualTo(503);
    ROUTER.answer(202);
    assertThat(send(body, VastSender.headers(body, id, 2, clock.instant())).status()).isEqualTo(202);
    assertThat(ROUTER.received()).hasSize(1);
  }

  /** Correctly signed, but over a timestamp that is not integer seconds. */
  private String[] malformedTimestamp(String body, String id) {
    String ts = clock.instant().getEpochSecond() + ".5";
    return new String[] {VastVerifier.TIMESTAMP, ts, VastVerifier.SIGNATURE,
        VastVerifier.sign(VastSender.SECRET, ts, body.getBytes(StandardCharsets.UTF_8)), VastVerifier.EVENT_ID, id};
  }

  private String metrics() {
    return api.get("/actuator/prometheus", "", null).body();
  }

  private static String[] without(String[] headers, String name) {
    return Arrays.stream(pairs(headers)).filter(p -> !p[0].equals(name)).flatMap(Arrays::stream).toArray(String[]::new);
  }

  private static String[] replaced(String[] headers, String name, String value) {
    return Arrays.stream(pairs(headers)).map(p -> p[0].equals(name) ? new String[] {name, value} : p).flatMap(Arrays::stream)
        .toArray(String[]::new);
  }

  private static String[][] pairs(String[] headers) {
    String[][] pairs = new String[headers.length / 2][];
    for (int i = 0; i < pairs.length; i++) {
      pairs[i] = new String[] {headers[2 * i], headers[2 * i + 1]};
    }
    return pairs;
  }
}
