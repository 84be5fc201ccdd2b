package dev.vastmesh.gateway.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastmesh.events.Hmac;
import dev.vastmesh.events.StandardWebhooks;
import dev.vastmesh.gateway.signature.Verification.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every official test vector and negative case of reference/webhook-signatures.md. */
class SignatureVectorsTests {

  // Standard Webhooks' official vector.
  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final String MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  static final long TIMESTAMP = 1614265330L;
  static final String PAYLOAD = "{\"test\": 2432232314}";
  static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
  static final Clock AT_VECTOR_TIME = Clock.fixed(Instant.ofEpochSecond(TIMESTAMP), ZoneOffset.UTC);

  private final StandardWebhooksVerifier standard = new StandardWebhooksVerifier(List.of(SECRET), AT_VECTOR_TIME, Duration.ofSeconds(300));

  static Map<String, String> headers(@Nullable String id, @Nullable String timestamp, @Nullable String signature) {
    Map<String, String> headers = new HashMap<>();
    if (id != null) {
      headers.put("Webhook-Id", id);
    }
    if (timestamp != null) {
      headers.put("WEBHOOK-TIMESTAMP", timestamp);
    }
    if (signature != null) {
      headers.put("webhook-signature", signature);
    }
    return headers;
  }

  private Verification verify(Map<String, String> headers, String payload) {
    return standard.verify(WebhookHeaders.of(headers), payload.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void officialVectorVerifies() {
    assertThat(verify(headers(MSG_ID, Long.toString(TIMESTAMP), SIGNATURE), PAYLOAD))
        .isEqualTo(new Verification.Verified(MSG_ID, Instant.ofEpochSecond(TIMESTAMP)));
    assertThat(StandardWebhooks.forSecret(SECRET).sign(MSG_ID, TIMESTAMP, PAYLOAD.getBytes(StandardCharsets.UTF_8))).isEqualTo(SIGNATURE);
  }

  @Test
  void utf8VectorVerifies() {
    String payload = "{\"name\":\"Zoë ☃ 日本\"}";
    assertThat(verify(headers(MSG_ID, Long.toString(TIMESTAMP), "v1,0y8LvmqkcOG28kJdF6bEZM/uqF6rpxhJOratyo/bqZo="), payload))
        .isInstanceOf(Verification.Verified.class);
  }

  @Test
  void oneValidEntryAmongSeveralPasses() {
    String header = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,abc v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    assertThat(verify(headers(MSG_ID, Long.toString(TIMESTAMP), header), PAYLOAD)).isInstanceOf(Verification.Verified.class);
  }

  @Test
  void entriesMayBeSeparatedByRunsOfSpaces() {
    String header = "  v2,abc   v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=  ";
    assertThat(verify(headers(MSG_ID, Long.toString(TIMESTAMP), header), PAYLOAD)).isInstanceOf(Verification.Verified.class);
  }

  @Test
  void anEmptyBodyWithAValidSignatureIsValid() {
    String signature = StandardWebhooks.forSecret(SECRET).sign(MSG_ID, TIMESTAMP, new byte[0]);
    assertThat(verify(headers(MSG_ID, Long.toString(TIMESTAMP), signature), "")).isInstanceOf(Verification.Verified.class);
  }

  @Test
  void rotatedSecretsAreAllAccepted() {
    String other = "whsec_" + java.util.Base64.getEncoder().encodeToString("another-secret-of-32-bytes-long!".getBytes());
    StandardWebhooksVerifier rotating = new StandardWebhooksVerifier(List.of(other, SECRET), AT_VECTOR_TIME, Duration.ofSeconds(300));
    assertThat(rotating.verify(WebhookHeaders.of(headers(MSG_ID, Long.toString(TIMESTAMP), SIGNATURE)),
        PAYLOAD.getBytes(StandardCharsets.UTF_8))).isInstanceOf(Verification.Verified.class);
  }

  /**
   * The gateway reads secrets by the same rule as the senders that sign for it (the worker, the
   * CLI, the router's agents): a secret either side takes in one form, the other takes in the other.
   */
  @ParameterizedTest
  @ValueSource(strings = {"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"})
  void aSecretInEitherFormVerifiesWhatASenderWithTheOtherFormSigns(String gatewaySecret) {
    String senderSecret = gatewaySecret.startsWith("whsec_") ? gatewaySecret.substring(6) : "whsec_" + gatewaySecret;
    StandardWebhooksVerifier gateway = new StandardWebhooksVerifier(List.of(gatewaySecret), AT_VECTOR_TIME, Duration.ofSeconds(300));
    byte[] body = PAYLOAD.getBytes(StandardCharsets.UTF_8);
    String signature = StandardWebhooks.forSecret(senderSecret).sign(MSG_ID, TIMESTAMP, body);

    assertThat(gateway.verify(WebhookHeaders.of(headers(MSG_ID, Long.toString(TIMESTAMP), signature)), body))
        .isEqualTo(new Verification.Verified(MSG_ID, Instant.ofEpochSecond(TIMESTAMP)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"plain-secret-value", "c2hvcnQ=", "whsec_c2hvcnQ="})
  void aSecretTheSendersRefuseTheGatewayRefusesToo(String secret) {
    assertThatThrownBy(() -> StandardWebhooks.forSecret(secret)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StandardWebhooksVerifier(List.of(secret), AT_VECTOR_TIME, Duration.ofSeconds(300)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(secret);
  }

  static Stream<Arguments> negativeCases() {
    String ts = Long.toString(TIMESTAMP);
    return Stream.of(
        Arguments.of("v2 entry with the valid bytes", headers(MSG_ID, ts, "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="), Reason.BAD_SIGNATURE),
        Arguments.of("invalid_signature", headers(MSG_ID, ts, "invalid_signature"), Reason.BAD_SIGNATURE),
        Arguments.of("v1,invalid_signature", headers(MSG_ID, ts, "v1,invalid_signature"), Reason.BAD_SIGNATURE),
        Arguments.of("other message id", headers("msg_other", ts, SIGNATURE), Reason.BAD_SIGNATURE),
        Arguments.of("missing id", headers(null, ts, SIGNATURE), Reason.MISSING_HEADER),
        Arguments.of("missing timestamp", headers(MSG_ID, null, SIGNATURE), Reason.MISSING_HEADER),
        Arguments.of("missing signature", headers(MSG_ID, ts, null), Reason.MISSING_HEADER),
        Arguments.of("timestamp 161426533.0", signedAt("161426533.0"), Reason.MALFORMED_TIMESTAMP),
        Arguments.of("timestamp 'invalid timestamp'", signedAt("invalid timestamp"), Reason.MALFORMED_TIMESTAMP),
        Arguments.of("timestamp -161426533", signedAt("-161426533"), Reason.MALFORMED_TIMESTAMP),
        Arguments.of("timestamp now-301s", signedAt(Long.toString(TIMESTAMP - 301)), Reason.TIMESTAMP_TOO_OLD),
        Arguments.of("timestamp now+301s", signedAt(Long.toString(TIMESTAMP + 301)), Reason.TIMESTAMP_IN_FUTURE));
  }

  /** Headers whose signature is valid for that timestamp string, so only the timestamp is wrong. */
  private static Map<String, String> signedAt(String timestamp) {
    byte[] key = StandardWebhooks.decodeSecret(SECRET);
    byte[] mac = Hmac.sha256(key, (MSG_ID + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), PAYLOAD.getBytes(StandardCharsets.UTF_8));
    return headers(MSG_ID, timestamp, "v1," + java.util.Base64.getEncoder().encodeToString(mac));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("negativeCases")
  void negativeCasesFail(String name, Map<String, String> headers, Reason reason) {
    assertThat(verify(headers, PAYLOAD)).isEqualTo(new Verification.Rejected(reason));
  }

  @Test
  void windowEdgesAreInclusiveAt300Seconds() {
    assertThat(verify(signedAt(Long.toString(TIMESTAMP - 300)), PAYLOAD)).isInstanceOf(Verification.Verified.class);
    assertThat(verify(signedAt(Long.toString(TIMESTAMP + 300)), PAYLOAD)).isInstanceOf(Verification.Verified.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "whsec_", "whsec_not base64!", "whsec_c2hvcnQ="})
  void unusableSecretsAreConfigurationErrors(String secret) {
    var thrown = assertThatThrownBy(() -> StandardWebhooks.decodeSecret(secret)).isInstanceOf(IllegalArgumentException.class);
    if (secret.length() > 6) {
      thrown.hasMessageNotContaining(secret.substring(6));
    }
  }

  @Test
  void unpaddedBase64SecretsAreAccepted() {
    String unpadded = "whsec_" + java.util.Base64.getEncoder().withoutPadding().encodeToString(new byte[25]);
    assertThat(StandardWebhooks.decodeSecret(unpadded)).hasSize(25);
  }

  @Test
  void gitHubOfficialVector() {
    GitHubVerifier github = new GitHubVerifier(List.of("It's a Secret to Everybody"));
    byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    String expected = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    assertThat(GitHubVerifier.sign("It's a Secret to Everybody", body)).isEqualTo(expected);
    assertThat(github.verify(WebhookHeaders.of(Map.of("x-hub-signature-256", expected, "X-GitHub-Delivery", "d-1")), body))
        .isEqualTo(new Verification.Verified("d-1", null));
    assertThat(github.verify(WebhookHeaders.of(Map.of("X-Hub-Signature-256", expected.replace('7', '8'), "X-GitHub-Delivery", "d-1")), body))
        .isEqualTo(new Verification.Rejected(Reason.BAD_SIGNATURE));
    assertThat(github.verify(WebhookHeaders.of(Map.of("X-Hub-Signature-256", "sha1=abc", "X-GitHub-Delivery", "d-1")), body))
        .isEqualTo(new Verification.Rejected(Reason.MALFORMED_HEADER));
    assertThat(github.verify(WebhookHeaders.of(Map.of("X-Hub-Signature-256", "sha256=zz", "X-GitHub-Delivery", "d-1")), body))
        .isEqualTo(new Verification.Rejected(Reason.MALFORMED_HEADER));
    assertThat(github.verify(WebhookHeaders.of(Map.of("X-Hub-Signature-256", expected)), body))
        .isEqualTo(new Verification.Rejected(Reason.MISSING_HEADER));
  }

  @Test
  void gitLabTokenComparesTheWholeTokenAndNeedsAMessageId() {
    GitLabTokenVerifier gitlab = new GitLabTokenVerifier(List.of("gitlab-secret-token"));
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

    assertThat(gitlab.verify(WebhookHeaders.of(Map.of("X-Gitlab-Token", "gitlab-secret-token", "Idempotency-Key", "k1")), body))
        .isEqualTo(new Verification.Verified("k1", null));
    assertThat(gitlab.verify(WebhookHeaders.of(Map.of("X-Gitlab-Token", "gitlab-secret-token", "X-Gitlab-Webhook-UUID", "u1")), body))
        .isEqualTo(new Verification.Verified("u1", null));
    assertThat(gitlab.verify(WebhookHeaders.of(Map.of("X-Gitlab-Token", "gitlab-secret-toke", "Idempotency-Key", "k1")), body))
        .isEqualTo(new Verification.Rejected(Reason.BAD_SIGNATURE));
    assertThat(gitlab.verify(WebhookHeaders.of(Map.of("X-Gitlab-Token", "gitlab-secret-token")), body))
        .isEqualTo(new Verification.Rejected(Reason.MISSING_HEADER));
  }

  @Test
  void designsHmacTimestampSchemeMatchesOpenssl() throws Exception {
    String secret = "ci-shared-secret";
    String body = "{\"specversion\":\"1.0\"}";
    long ts = TIMESTAMP;
    // What a CI job computes with: printf '%s.%s' "$ts" "$body" | openssl dgst -sha256 -hmac "$secret"
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", "printf '%s.%s' \"$TS\" \"$BODY\" | openssl dgst -sha256 -hmac \"$SECRET\" -r");
    builder.environment().put("TS", Long.toString(ts));
    builder.environment().put("BODY", body);
    builder.environment().put("SECRET", secret);
    Process process = builder.start();
    String fromShell = "sha256=" + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split(" ")[0].trim();
    assertThat(process.waitFor()).isZero();

    assertThat(HmacTimestampVerifier.sign(secret, ts, body.getBytes(StandardCharsets.UTF_8))).isEqualTo(fromShell);
    HmacTimestampVerifier verifier = new HmacTimestampVerifier(List.of(secret), AT_VECTOR_TIME, Duration.ofSeconds(300));
    Verification verified = verifier.verify(WebhookHeaders.of(Map.of("X-Signature", fromShell, "X-Timestamp", Long.toString(ts))),
        body.getBytes(StandardCharsets.UTF_8));
    assertThat(verified).isInstanceOf(Verification.Verified.class);
    assertThat(((Verification.Verified) verified).messageId()).startsWith("sha256:");
    assertThat(verifier.verify(WebhookHeaders.of(Map.of("X-Signature", fromShell, "X-Timestamp", Long.toString(ts), "X-Webhook-Id", "run-7")),
        body.getBytes(StandardCharsets.UTF_8))).isEqualTo(new Verification.Verified("run-7", Instant.ofEpochSecond(ts)));
    assertThat(verifier.verify(WebhookHeaders.of(Map.of("X-Signature", fromShell, "X-Timestamp", Long.toString(ts + 1))),
        body.getBytes(StandardCharsets.UTF_8))).isEqualTo(new Verification.Rejected(Reason.BAD_SIGNATURE));
  }
}
