package dev.vastmesh.vastai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code vastai webhooks ...} and {@code vastai notification-types} against a server speaking Vast's documented contract. */
class WebhooksCliTests extends CliTestSupport<FakeVastWebhooks> {

  static final String URL = "https://gw.example.com/api/v1/webhooks/vast";

  WebhooksCliTests() {
    super(new FakeVastWebhooks());
  }

  int run(String... args) {
    return runWithKey(FakeVast.KEY, args);
  }

  private long create(String name) {
    assertThat(run("webhooks", "create", "--url", URL, "--event-types", "client:outbid,client:low_credit", "--name", name)).isZero();
    return vast.hooks.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
  }

  @Test
  void createPrintsTheSecretOnceToStdoutWithWhereItGoes() {
    int code = run("webhooks", "create", "--url", URL, "--event-types", "client:outbid,client:low_credit", "--name", "gateway");

    assertThat(code).isZero();
    assertThat(out.toString()).containsOnlyOnce("webhook_secret: vast-whsec-1-K7q2xN9p")
        .contains("vastmesh.gateway.sources.<source>.scheme=vast").contains("secrets[0]");
    assertThat(err.toString()).doesNotContain("vast-whsec").contains("client:outbid, client:low_credit");
    JsonNode hook = vast.hooks.values().iterator().next();
    assertThat(hook.get("webhook_url").asString()).isEqualTo(URL);
    assertThat(hook.get("event_types")).hasSize(2);
    assertThat(hook.get("name").asString()).isEqualTo("gateway");

    assertThat(run("webhooks", "list")).isZero();
    assertThat(out.toString()).contains(URL).contains("client:outbid,client:low_credit").doesNotContain("vast-whsec");
  }

  @Test
  void createRefusesAnythingButHttpsBeforeCallingVast() {
    int code = run("webhooks", "create", "--url", "http://gw.example.com/api/v1/webhooks/vast", "--event-types", "client:outbid");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("https://");
    assertThat(vast.requests).isEmpty();
    assertThat(run("webhooks", "update", "41", "--url", "ftp://x")).isEqualTo(2);
    assertThat(run("webhooks", "create", "--url", URL, "--event-types", "outbid")).as("a slug is not a key").isEqualTo(2);
    assertThat(vast.requests).isEmpty();
  }

  @Test
  void createWarnsAtTheLimitOfFourAndVastsRefusalIsAnApiError() {
    for (int i = 1; i <= 3; i++) {
      create("hook-" + i);
      assertThat(err.toString()).doesNotContain("warning");
    }
    create("hook-4");
    assertThat(err.toString()).contains("warning: this is the account's last webhook of the 4");

    int fifth = run("webhooks", "create", "--url", URL, "--event-types", "client:outbid");

    assertThat(err.toString()).contains("warning: the account already has 4 webhooks").contains("Maximum of 4 webhooks per user");
    assertThat(fifth).isEqualTo(VastCli.API_ERROR);
    assertThat(out.toString()).doesNotContain("webhook_secret");
  }

  @Test
  void rotateSecretPrintsTheNewSecretOnce() {
    long id = create("gateway");

    assertThat(run("webhooks", "rotate-secret", Long.toString(id))).isZero();

    assertThat(out.toString()).containsOnlyOnce("webhook_secret: vast-whsec-2-K7q2xN9p").contains("secrets[1]");
    assertThat(vast.requests).contains("POST /api/v0/webhooks/" + id + "/rotate-secret/");
  }

  @Test
  void updateDeleteAndTestSpeakTheDocumentedPaths() throws Exception {
    long id = create("gateway");

    assertThat(run("webhooks", "update", Long.toString(id), "--event-types", "client:instance_offline", "--name", "renamed")).isZero();
    assertThat(out.toString()).contains("renamed").contains("client:instance_offline").doesNotContain("vast-whsec");
    assertThat(vast.hooks.get(id).get("event_types").get(0).asString()).isEqualTo("client:instance_offline");

    assertThat(run("webhooks", "test", Long.toString(id))).isZero();
    assertThat(out.toString()).contains("Test webhook delivered");

    assertThat(run("webhooks", "delete", Long.toString(id))).isZero();
    assertThat(JsonMapper.builder().build().readTree(out.toString()).get("success").asBoolean()).isTrue();
    assertThat(vast.hooks).isEmpty();

    assertThat(run("webhooks", "delete", Long.toString(id))).isEqualTo(VastCli.API_ERROR);
    assertThat(err.toString()).contains("Webhook not found");
    assertThat(run("webhooks", "update", Long.toString(id))).as("nothing to change").isEqualTo(2);
    assertThat(vast.requests).contains("PUT /api/v0/webhooks/" + id + "/", "POST /api/v0/webhooks/" + id + "/test/",
        "DELETE /api/v0/webhooks/" + id + "/");
  }

  @Test
  void notificationTypesListsTheKeysToSubscribeTo() throws Exception {
    assertThat(run("notification-types")).isZero();
    assertThat(out.toString()).contains("client:low_credit").contains("Low balance notifications").contains("client:outbid");

    assertThat(run("notification-types", "--json")).isZero();
    JsonNode types = JsonMapper.builder().build().readTree(out.toString());
    assertThat(types.get(1).get("key").asString()).isEqualTo("client:outbid");
    assertThat(types.get(1).get("default_preferences").get("webhooks").asBoolean()).isFalse();
  }

  @Test
  void aBadKeyIsAnAuthenticationError() {
    int code = runWithKey("wrong", "webhooks", "list");
    assertThat(code).isEqualTo(VastCli.API_ERROR);
    assertThat(err.toString()).contains("Invalid user key").contains("VASTAI_API_KEY");
  }
}
