package dev.vastmesh.gateway.signature;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The test vector and every rejection of reference/vast-notification-webhooks.md §2. */
class VastVerifierTests {

  static final String SECRET = "vast-test-secret";
  static final String TS = "1772490000";
  static final String EVENT_ID = "7e9a2c4e6f9e4a24a53b77c2d8e3f0aa";
  static final String BODY = "{\"event_id\":\"7e9a2c4e6f9e4a24a53b77c2d8e3f0aa\",\"user_id\":123,\"notif_type\":\"low_credit\","
      + "\"subject\":\"Low balance\",\"message\":\"Balance below threshold.\",\"timestamp\":1772490000.123}";
  static final String SIGNATURE = "sha256=201c9b2eb40aa5b7ff085cdb5d15942e5e51281ecaaa0a214ea85a2601e105fd";
  static final Instant AT = Instant.ofEpochSecond(Long.parseLong(TS));

  private final VastVerifier verifier = verifierAt(AT, Duration.ofSeconds(300));

  private static VastVerifier verifierAt(Instant now, Duration tolerance) {
    return new VastVerifier(List.of(SECRET), Clock.fixed(now, ZoneOffset.UTC), tolerance);
  }

  static Map<String, String> headers(String ts, String signature, String eventId, String attempt) {
    Map<String, String> headers = new HashMap<>();
    put(headers, "X-Vast-Timestamp", ts);
    put(headers, "x-vast-signature-256", signature);
    put(headers, "X-VAST-EVENT-ID", eventId);
    put(headers, "X-Vast-Delivery-Attempt", attempt);
    return headers;
  }

  private static void put(Map<String, String> headers, String name, String value) {
    if (value != null) {
      headers.put(name, value);
    }
  }

  private static Verification verify(VastVerifier verifier, Map<String, String> headers, String body) {
    return verifier.verify(WebhookHeaders.of(headers), body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theReferenceVectorVerifies() {
    assertThat(BODY.getBytes(StandardCharsets.UTF_8)).hasSize(175);
    assertThat(VastVerifier.sign(SECRET, TS, BODY.getBytes(StandardCharsets.UTF_8))).isEqualTo(SIGNATURE);
    assertThat(verify(verifier, headers(TS, SIGNATURE, EVENT_ID, "1"), BODY)).isEqualTo(new Verification.Verified(EVENT_ID, AT));
  }

  @Test
  void aRetryIsTheSameMessageWhateverItsAttemptAndTimestamp() {
    String later = Long.toString(AT.getEpochSecond() + 120);
    String resigned = VastVerifier.sign(SECRET, later, BODY.getBytes(StandardCharsets.UTF_8));
    Verification retry = verify(verifierAt(AT.plusSeconds(120), Duration.ofSeconds(300)), headers(later, resigned, EVENT_ID, "3"), BODY);
    assertThat(retry).isEqualTo(new Verification.Verified(EVENT_ID, AT.plusSeconds(120)));
    assertThat(verify(verifier, headers(TS, SIGNATURE, EVENT_ID, null), BODY)).isInstanceOf(Verification.Verified.class);
  }

  @Test
  void theWindowIsInclusiveAt300SecondsBothWaysAndConfigurable() {
    assertThat(verify(verifierAt(AT.plusSeconds(300), Duration.ofSeconds(300)), headers(TS, SIGNATURE, EVENT_ID, "1"), BODY))
        .isInstanceOf(Verification.Verified.class);
    assertThat(verify(verifierAt(AT.minusSeconds(300), Duration.ofSeconds(300)), headers(TS, SIGNATURE, EVENT_ID, "1"), BODY))
        .isInstanceOf(Verification.Verified.class);
    assertThat(verify(verifierAt(AT.plusSeconds(301), Duration.ofSeconds(300)), headers(TS, SIGNATURE, EVENT_ID, "1"), BODY))
        .isEqualTo(new Verification.Rejected(Reason.TIMESTAMP_TOO_OLD));
    assertThat(verify(verifierAt(AT.minusSeconds(301), Duration.ofSeconds(300)), headers(TS, SIGNATURE, EVENT_ID, "1"), BODY))
        .isEqualTo(new Verification.Rejected(Reason.TIMESTAMP_IN_FUTURE));
    assertThat(verify(verifierAt(AT.plusSeconds(900), Duration.ofMinutes(15)), headers(TS, SIGNATURE, EVENT_ID, "1"), BODY))
        .isInstanceOf(Verification.Verified.class);
  }

  @Test
  void anyOfSeveralSecretsVerifiesDuringARotation() {
    VastVerifier rotating = new VastVerifier(List.of("the-new-secret", SECRET), Clock.fixed(AT, ZoneOffset.UTC), Duration.ofSeconds(300));
    assertThat(verify(rotating, headers(TS, SIGNATURE, EVENT_ID, "1"), BODY)).isInstanceOf(Verification.Verified.class);
  }

  static Stream<Arguments> rejections() {
    String upper = "sha256=" + SIGNATURE.substring(7).toUpperCase(java.util.Locale.ROOT);
    return Stream.of(
        Arguments.of("no timestamp", headers(null, SIGNATURE, EVENT_ID, "1"), BODY, Reason.MISSING_HEADER),
        Arguments.of("empty timestamp", headers("", SIGNATURE, EVENT_ID, "1"), BODY, Reason.MISSING_HEADER),
        Arguments.of("no signature", headers(TS, null, EVENT_ID, "1"), BODY, Reason.MISSING_HEADER),
        Arguments.of("no event id", headers(TS, SIGNATURE, null, "1"), BODY, Reason.MISSING_HEADER),
        Arguments.of("blank event id", headers(TS, SIGNATURE, "  ", "1"), BODY, Reason.MISSING_HEADER),
        Arguments.of("sha256= missing", headers(TS, SIGNATURE.substring(7), EVENT_ID, "1"), BODY, Reason.MALFORMED_HEADER),
        Arguments.of("another algorithm", headers(TS, "sha1=" + SIGNATURE.substring(7), EVENT_ID, "1"), BODY, Reason.MALFORMED_HEADER),
        Arguments.of("short digest", headers(TS, SIGNATURE.substring(0, 70), EVENT_ID, "1"), BODY, Reason.MALFORMED_HEADER),
        Arguments.of("not hex", headers(TS, SIGNATURE.substring(0, 70) + "zz", EVENT_ID, "1"), BODY, Reason.MALFORMED_HEADER),
        Arguments.of("event id with spaces", headers(TS, SIGNATURE, "7e9a 2c4e", "1"), BODY, Reason.MALFORMED_HEADER),
        Arguments.of("event id too long", headers(TS, SIGNATURE, "a".repeat(129), "1"), BODY, Reason.MALFORMED_HEADER),
        Arguments.of("attempt 0", headers(TS, SIGNATURE, EVENT_ID, "0"), BODY, Reason.MALFORMED_HEADER),
        Arguments.of("attempt not a number", headers(TS, SIGNATURE, EVENT_ID, "two"), BODY, Reason.MALFORMED_HEADER),
        Arguments.of("upper-case digest", headers(TS, upper, EVENT_ID, "1"), BODY, Reason.BAD_SIGNATURE),
        Arguments.of("wrong secret", headers(TS, VastVerifier.sign("other-secret", TS, BODY.getBytes()), EVENT_ID, "1"), BODY,
            Reason.BAD_SIGNATURE),
        Arguments.of("body changed", headers(TS, SIGNATURE, EVENT_ID, "1"), BODY.replace("123", "124"), Reason.BAD_SIGNATURE),
        Arguments.of("body re-serialised", headers(TS, SIGNATURE, EVENT_ID, "1"), BODY.replace(",", ", "), Reason.BAD_SIGNATURE),
        Arguments.of("timestamp changed", headers("1772490001", SIGNATURE, EVENT_ID, "1"), BODY, Reason.BAD_SIGNATURE),
        Arguments.of("signed non-integer timestamp", signedAt("1772490000.5"), BODY, Reason.MALFORMED_TIMESTAMP),
        Arguments.of("signed negative timestamp", signedAt("-1772490000"), BODY, Reason.MALFORMED_TIMESTAMP),
        Arguments.of("stale", signedAt(Long.toString(AT.getEpochSecond() - 301)), BODY, Reason.TIMESTAMP_TOO_OLD),
        Arguments.of("future", signedAt(Long.toString(AT.getEpochSecond() + 301)), BODY, Reason.TIMESTAMP_IN_FUTURE));
  }

  /** Headers whose signature is valid for that timestamp text, so only the timestamp is wrong. */
  private static Map<String, String> signedAt(String ts) {
    return headers(ts, VastVerifier.sign(SECRET, ts, BODY.getBytes(StandardCharsets.UTF_8)), EVENT_ID, "1");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejections")
  void everyRejectionHasItsReason(String name, Map<String, String> headers, String body, Reason reason) {
    assertThat(verify(verifier, headers, body)).isEqualTo(new Verification.Rejected(reason));
  }
}
