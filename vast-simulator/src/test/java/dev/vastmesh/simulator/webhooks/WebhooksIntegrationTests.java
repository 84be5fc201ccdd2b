package dev.vastmesh.simulator.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.simulator.support.Admin;
import dev.vastmesh.simulator.support.Sim;
import dev.vastmesh.simulator.support.SimulatorTest;
import dev.vastmesh.testsupport.FakeHttpServer;
import dev.vastmesh.testsupport.MutableClock;
import dev.vastmesh.testsupport.ServiceClient;
import dev.vastmesh.vastai.VastClient;
import dev.vastmesh.vastai.model.CreateInstance;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vast's notification webhooks end to end: a receiver that checks each delivery the way Vast's
 * guide says to — on the raw bytes, against the secret create returned, within 300 s.
 */
@SimulatorTest
class WebhooksIntegrationTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort
  int port;

  @Autowired
  MutableClock clock;

  private final FakeHttpServer receiver = FakeHttpServer.start();
  private final List<JsonNode> verified = new CopyOnWriteArrayList<>();
  private final List<String> attempts = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile String secret = "";
  private ServiceClient http;

  @BeforeEach
  void setUp() {
    http = new Admin(port).http();
    receiver.on("/hook", request -> {
      attempts.add(request.header("X-Vast-Event-Id") + "#" + request.header("X-Vast-Delivery-Attempt"));
      if (!verifies(request)) {
        return FakeHttpServer.Reply.json(401, "{\"ok\":false,\"error\":\"invalid_signature\"}");
      }
      if (failuresLeft.getAndDecrement() > 0) {
        return FakeHttpServer.Reply.status(503);
      }
      verified.add(JSON.readTree(request.body()));
      return FakeHttpServer.Reply.status(204);
    });
  }

  @AfterEach
  void tearDown() {
    receiver.close();
    for (JsonNode hook : http.get("/api/v0/webhooks/", "", Sim.KEY).json().get("webhooks")) {
      http.delete("/api/v0/webhooks/{id}/", Sim.KEY, hook.get("id").longValue());
    }
    VastClient vast = Sim.client(port);
    vast.listInstances().forEach(i -> vast.destroyInstance(i.id()));
  }

  /** Vast's guide, step by step: both headers, sha256= prefix, integer time within 300 s, HMAC of ts.raw. */
  private boolean verifies(FakeHttpServer.Request request) throws Exception {
    String ts = request.header("X-Vast-Timestamp");
    String signature = request.header("X-Vast-Signature-256");
    if (ts == null || signature == null || !signature.startsWith("sha256=")) {
      return false;
    }
    if (Math.abs(clock.instant().getEpochSecond() - Long.parseLong(ts)) > 300) {
      return false;
    }
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update((ts + ".").getBytes(StandardCharsets.UTF_8));
    String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(request.body()));
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
  }

  private JsonNode create(String events) {
    ServiceClient.Response created = http.post("/api/v0/webhooks/", Sim.KEY,
        "{\"name\":\"ci\",\"webhook_url\":\"" + receiver.url() + "/hook\",\"event_types\":" + events + "}");
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    return created.json().get("webhook");
  }

  @Test
  void theSecretComesOnceAndDeliveriesVerifyWithIt() {
    JsonNode hook = create("[\"client:outbid\",\"client:instance_started\"]");
    secret = hook.get("webhook_secret").asString();
    assertThat(secret).isNotBlank();
    JsonNode listed = http.get("/api/v0/webhooks/", "", Sim.KEY).json().get("webhooks").get(0);
    assertThat(listed.has("webhook_secret")).isFalse();
    assertThat(listed.get("event_types")).hasSize(2);

    VastClient vast = Sim.client(port);
    long id = vast.createInstance(1, CreateInstance.of("sim/stand-in", 10).withBid(0.25));
    await().atMost(Duration.ofSeconds(15)).until(() -> "running".equals(vast.showInstance(id).orElseThrow().actualStatus()));
    new Admin(port).send("POST", "/admin/v1/instances/{id}/outbid", Sim.ADMIN, null, id);

    await().atMost(Duration.ofSeconds(10)).until(() -> verified.size() >= 2);
    assertThat(verified).extracting(e -> e.get("notif_type").asString()).containsExactlyInAnyOrder("instance_started", "outbid");
    JsonNode outbid = verified.stream().filter(e -> e.get("notif_type").asString().equals("outbid")).findFirst().orElseThrow();
    assertThat(outbid.get("subject").asString()).isEqualTo("Your Interruptible Instance #" + id + " Has Been Outbid");
    assertThat(outbid.get("event_id").asString()).matches("[0-9a-f]{32}");
    assertThat(outbid.get("user_id").longValue()).isEqualTo(1);
    assertThat(vast.showInstance(id).orElseThrow().outbid()).isTrue();
  }

  @Test
  void aFailedDeliveryIsRetriedWithTheSameEventId() {
    secret = create("[\"client:instance_started\"]").get("webhook_secret").asString();
    failuresLeft.set(2);
    VastClient vast = Sim.client(port);
    vast.createInstance(1, CreateInstance.of("sim/stand-in", 10));
    await().atMost(Duration.ofSeconds(15)).until(() -> verified.size() == 1);
    String eventId = verified.getFirst().get("event_id").asString();
    assertThat(attempts).containsExactly(eventId + "#1", eventId + "#2", eventId + "#3");
  }

  @Test
  void rotateChangesTheSecretAndTestDeliversWithTheNewOne() {
    JsonNode hook = create("[\"client:low_credit\"]");
    String old = hook.get("webhook_secret").asString();
    ServiceClient.Response rotated = http.post("/api/v0/webhooks/{id}/rotate-secret/", Sim.KEY, null, hook.get("id").longValue());
    secret = rotated.json().get("webhook").get("webhook_secret").asString();
    assertThat(secret).isNotEqualTo(old);

    ServiceClient.Response test = http.post("/api/v0/webhooks/{id}/test/", Sim.KEY, null, hook.get("id").longValue());
    assertThat(test.status()).isEqualTo(200);
    assertThat(test.json().get("msg").asString()).isEqualTo("Test webhook delivered");
    assertThat(verified).singleElement().satisfies(e -> assertThat(e.get("notif_type").asString()).isEqualTo("webhook_test"));

    secret = old;
    ServiceClient.Response refused = http.post("/api/v0/webhooks/{id}/test/", Sim.KEY, null, hook.get("id").longValue());
    assertThat(refused.status()).as("a receiver that answers 401 is not deliverable").isEqualTo(400);
    assertThat(refused.json().get("msg").asString()).isEqualTo("Webhook URL is not deliverable");
  }

  @Test
  void anAccountHasAtMostFourWebhooksAndBadOnesAreRefused() {
    for (int i = 0; i < 4; i++) {
      create("[\"client:outbid\"]");
    }
    ServiceClient.Response fifth = http.post("/api/v0/webhooks/", Sim.KEY,
        "{\"webhook_url\":\"https://example.com/hook\",\"event_types\":[\"client:outbid\"]}");
    assertThat(fifth.status()).isEqualTo(400);
    assertThat(fifth.json().get("error").asString()).isEqualTo("max_webhooks");
    for (String bad : List.of("{\"webhook_url\":\"ftp://example.com/x\",\"event_types\":[\"client:outbid\"]}",
        "{\"webhook_url\":\"https://example.com/x\",\"event_types\":[]}",
        "{\"webhook_url\":\"https://example.com/x\",\"event_types\":[\"outbid\"]}")) {
      ServiceClient.Response refused = http.post("/api/v0/webhooks/", Sim.OTHER_KEY, bad);
      assertThat(refused.status()).as(bad).isEqualTo(400);
      assertThat(refused.json().get("success").booleanValue()).isFalse();
    }
    assertThat(http.delete("/api/v0/webhooks/{id}/", Sim.OTHER_KEY, 501).status()).as("not the other account's").isEqualTo(404);
  }
}
