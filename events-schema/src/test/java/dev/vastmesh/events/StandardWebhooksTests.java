package dev.vastmesh.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StandardWebhooksTests {

  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  static final long TIMESTAMP = 1614265330L;
  static final byte[] PAYLOAD = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
  static final Clock AT_VECTOR_TIME = Clock.fixed(Instant.ofEpochSecond(TIMESTAMP), ZoneOffset.UTC);

  @Test
  void signsTheOfficialTestVector() {
    StandardWebhooks signer = StandardWebhooks.forSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

    assertThat(signer.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    assertThat(signer.toString()).doesNotContain("MfKQ");
  }

  @Test
  void unusableSecretsAreRefusedWithoutShowingThem() {
    assertThatThrownBy(() -> StandardWebhooks.forSecret("plain-secret-value")).hasMessageNotContaining("plain-secret-value");
    assertThatThrownBy(() -> StandardWebhooks.forSecret("whsec_c2hvcnQ=")).hasMessageContaining("24-64 bytes");
    assertThatThrownBy(() -> StandardWebhooks.forSecret("whsec_%%%")).hasMessageContaining("base64");
  }

  @ParameterizedTest
  @ValueSource(strings = {"MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n"})
  void theSameKeyWithOrWithoutPrefixSignsTheSame(String secret) {
    assertThat(StandardWebhooks.forSecret(secret).sign(ID, TIMESTAMP, PAYLOAD)).isEqualTo(SIGNATURE);
  }

  @Test
  void unpaddedBase64IsTheSameKeyAsPadded() {
    byte[] key = new byte[25];
    key[0] = 7;
    String padded = Base64.getEncoder().encodeToString(key);
    String unpadded = Base64.getEncoder().withoutPadding().encodeToString(key);

    assertThat(padded).endsWith("=");
    assertThat(StandardWebhooks.decodeSecret("whsec_" + unpadded)).isEqualTo(key);
    assertThat(StandardWebhooks.forSecret(unpadded).sign(ID, TIMESTAMP, PAYLOAD))
        .isEqualTo(StandardWebhooks.forSecret("whsec_" + padded).sign(ID, TIMESTAMP, PAYLOAD));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "whsec_", "whsec_not base64!", "whsec_c2hvcnQ=", "c2hvcnQ="})
  void emptyMalformedAndShortSecretsAreRefusedByEverySide(String secret) {
    assertThatThrownBy(() -> StandardWebhooks.decodeSecret(secret)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StandardWebhooks.forSecret(secret)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tooLongKeysAreRefused() {
    String tooLong = Base64.getEncoder().encodeToString(new byte[65]);
    assertThat(StandardWebhooks.decodeSecret(Base64.getEncoder().encodeToString(new byte[64]))).hasSize(64);
    assertThatThrownBy(() -> StandardWebhooks.forSecret(tooLong)).hasMessageContaining("24-64 bytes").hasMessageNotContaining(tooLong);
  }

  @Test
  void aGeneratedSecretIsWhsecOf32BytesAndFreshEachTime() {
    String secret = StandardWebhooks.generateSecret();

    assertThat(secret).startsWith("whsec_");
    assertThat(StandardWebhooks.decodeSecret(secret)).hasSize(32);
    assertThat(StandardWebhooks.generateSecret()).isNotEqualTo(secret);
  }

  @Test
  void whatOneSideSignsTheOtherVerifiesWhicheverFormEachWasGiven() {
    String bare = SECRET.substring("whsec_".length());
    StandardWebhooks sender = StandardWebhooks.forSecret(bare);
    StandardWebhooks receiver = StandardWebhooks.forSecret(SECRET);

    assertThat(receiver.verify(ID, Long.toString(TIMESTAMP), sender.sign(ID, TIMESTAMP, PAYLOAD), PAYLOAD, AT_VECTOR_TIME,
        StandardWebhooks.DEFAULT_TOLERANCE)).isEqualTo(StandardWebhooks.Check.VALID);
    assertThat(sender.verify(ID, Long.toString(TIMESTAMP), receiver.sign(ID, TIMESTAMP, PAYLOAD), PAYLOAD, AT_VECTOR_TIME,
        StandardWebhooks.DEFAULT_TOLERANCE)).isEqualTo(StandardWebhooks.Check.VALID);
  }

  @Test
  void verifyChecksHeadersThenSignatureThenTimestamp() {
    StandardWebhooks webhooks = StandardWebhooks.forSecret(SECRET);
    String ts = Long.toString(TIMESTAMP);
    Duration tolerance = StandardWebhooks.DEFAULT_TOLERANCE;

    assertThat(webhooks.verify(ID, ts, "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,abc " + SIGNATURE, PAYLOAD, AT_VECTOR_TIME, tolerance))
        .isEqualTo(StandardWebhooks.Check.VALID);
    assertThat(webhooks.verify(" ", ts, SIGNATURE, PAYLOAD, AT_VECTOR_TIME, tolerance)).isEqualTo(StandardWebhooks.Check.MISSING_HEADER);
    assertThat(webhooks.verify(ID, null, SIGNATURE, PAYLOAD, AT_VECTOR_TIME, tolerance)).isEqualTo(StandardWebhooks.Check.MISSING_HEADER);
    assertThat(webhooks.verify(ID, ts, "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", PAYLOAD, AT_VECTOR_TIME, tolerance))
        .isEqualTo(StandardWebhooks.Check.BAD_SIGNATURE);
    assertThat(webhooks.verify(ID, ts, "v1,invalid_signature", PAYLOAD, AT_VECTOR_TIME, tolerance)).isEqualTo(StandardWebhooks.Check.BAD_SIGNATURE);
    // A stale message with a wrong signature is a bad signature: nothing about it is trusted.
    Clock later = Clock.offset(AT_VECTOR_TIME, Duration.ofSeconds(301));
    assertThat(webhooks.verify(ID, ts, "v1,AAAA", PAYLOAD, later, tolerance)).isEqualTo(StandardWebhooks.Check.BAD_SIGNATURE);
    assertThat(webhooks.verify(ID, ts, SIGNATURE, PAYLOAD, later, tolerance)).isEqualTo(StandardWebhooks.Check.TIMESTAMP_TOO_OLD);
    assertThat(webhooks.verify(ID, ts, SIGNATURE, PAYLOAD, Clock.offset(AT_VECTOR_TIME, Duration.ofSeconds(-301)), tolerance))
        .isEqualTo(StandardWebhooks.Check.TIMESTAMP_IN_FUTURE);
    assertThat(webhooks.verify(ID, ts, SIGNATURE, PAYLOAD, Clock.offset(AT_VECTOR_TIME, Duration.ofSeconds(300)), tolerance))
        .isEqualTo(StandardWebhooks.Check.VALID);
  }

  @Test
  void timestampsAreDigitsOnly() {
    assertThat(StandardWebhooks.parseTimestamp("1614265330")).isEqualTo(Instant.ofEpochSecond(TIMESTAMP));
    for (String malformed : List.of("", "161426533.0", "invalid timestamp", "-161426533", " 1614265330", "1234567890123")) {
      assertThat(StandardWebhooks.parseTimestamp(malformed)).as(malformed).isNull();
      assertThat(StandardWebhooks.checkTimestamp(malformed, AT_VECTOR_TIME, Duration.ofMinutes(5))).isEqualTo(StandardWebhooks.Check.MALFORMED_TIMESTAMP);
    }
  }

  @Test
  void rotationVerifiesUnderAnySecretAndSignsWithTheFirst() {
    String other = StandardWebhooks.generateSecret();
    StandardWebhooks rotating = StandardWebhooks.forSecrets(List.of(other, SECRET));

    assertThat(rotating.signatureMatches(ID, Long.toString(TIMESTAMP), SIGNATURE, PAYLOAD)).isTrue();
    assertThat(rotating.sign(ID, TIMESTAMP, PAYLOAD)).isEqualTo(StandardWebhooks.forSecret(other).sign(ID, TIMESTAMP, PAYLOAD));
    assertThatThrownBy(() -> StandardWebhooks.forSecrets(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theUtf8VectorAndAnEmptyBodySign() {
    StandardWebhooks webhooks = StandardWebhooks.forSecret(SECRET);
    assertThat(webhooks.sign(ID, TIMESTAMP, "{\"name\":\"Zoë ☃ 日本\"}".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("v1,0y8LvmqkcOG28kJdF6bEZM/uqF6rpxhJOratyo/bqZo=");
    assertThat(webhooks.signatureMatches(ID, Long.toString(TIMESTAMP), webhooks.sign(ID, TIMESTAMP, new byte[0]), new byte[0])).isTrue();
  }

  @Test
  void aSenderPutsTheIdTheTimestampAndItsSignatureOnAMessage() {
    assertThat(StandardWebhooks.forSecret(SECRET).headers(ID, TIMESTAMP, PAYLOAD)).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
        "webhook-id", ID, "webhook-timestamp", "1614265330", "webhook-signature", SIGNATURE));
  }
}
