package dev.vastmesh.vastai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastmesh.vastai.model.WebhookWithSecret;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/** The webhook calls' requests as Vast documents them, and their strict reading of the answers. */
class NotificationWebhooksTests {

  MockWebServer server;
  NotificationWebhooks webhooks;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    webhooks = VastClient.builder("key-1").baseUrl(server.url("/").toString()).retries(1, Duration.ofMillis(5))
        .rateLimits(Map.of()).build().webhooks();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  void answer(int code, String body) {
    server.enqueue(new MockResponse.Builder().code(code).body(body).build());
  }

  RecordedRequest next() throws InterruptedException {
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  @Test
  void createSendsTheDocumentedBodyAndKeepsTheSecretOutOfToString() throws Exception {
    answer(200, "{\"success\":true,\"webhook\":{\"id\":7,\"user_id\":1,\"name\":null,\"webhook_url\":\"https://gw.example/h\","
        + "\"event_types\":[\"client:outbid\"],\"created_at\":1.0,\"updated_at\":1.0,\"webhook_secret\":\"s3cr3t-value\"},"
        + "\"enabled_notification_preferences\":[\"client:outbid\"]}");

    WebhookWithSecret created = webhooks.create(null, "https://gw.example/h", List.of("client:outbid"));

    RecordedRequest request = next();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v0/webhooks/");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer key-1");
    assertThat(JsonMapper.builder().build().readTree(request.getBody().utf8()).toString())
        .isEqualTo("{\"webhook_url\":\"https://gw.example/h\",\"event_types\":[\"client:outbid\"]}");
    assertThat(created.secret()).isEqualTo("s3cr3t-value");
    assertThat(created.webhook().id()).isEqualTo(7);
    assertThat(created.enabledNotificationPreferences()).containsExactly("client:outbid");
    assertThat(created.toString()).doesNotContain("s3cr3t-value");
  }

  @Test
  void anAnswerWithoutTheSecretIsMalformedNotASilentSuccess() {
    answer(200, "{\"success\":true,\"webhook\":{\"id\":7,\"webhook_url\":\"https://gw.example/h\",\"event_types\":[]}}");
    assertThatThrownBy(() -> webhooks.rotateSecret(7)).isInstanceOf(VastException.MalformedResponse.class)
        .hasMessageContaining("webhook_secret");
  }

  @Test
  void aListThatIsNotAListIsAnErrorNeverZeroWebhooks() {
    answer(200, "{\"success\":true,\"webhooks\":null}");
    assertThatThrownBy(() -> webhooks.list()).isInstanceOf(VastException.MalformedResponse.class);
    answer(200, "{\"success\":false,\"error\":\"x\",\"msg\":\"temporarily unavailable\"}");
    assertThatThrownBy(() -> webhooks.list()).isInstanceOf(VastException.Api.class).hasMessageContaining("temporarily unavailable");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://gw.example/h", "https:///nohost", "ftp://gw.example/h", "not a url", "gw.example/h"})
  void urlsVastWouldRefuseAreRefusedBeforeSending(String url) {
    assertThatThrownBy(() -> webhooks.create(null, url, List.of("client:outbid"))).isInstanceOf(IllegalArgumentException.class);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void namesAndEventTypesAreCheckedAsVastChecksThem() {
    assertThatThrownBy(() -> webhooks.create("x".repeat(121), "https://gw.example/h", List.of("client:outbid")))
        .hasMessageContaining("120");
    assertThatThrownBy(() -> webhooks.create("bell\u0007", "https://gw.example/h", List.of("client:outbid")))
        .hasMessageContaining("control");
    assertThatThrownBy(() -> webhooks.create(null, "https://gw.example/h", List.of())).hasMessageContaining("at least one");
    assertThatThrownBy(() -> webhooks.create(null, "https://gw.example/" + "a".repeat(2048), List.of("client:outbid")))
        .hasMessageContaining("2048");
    assertThat(server.getRequestCount()).isZero();
  }
}
