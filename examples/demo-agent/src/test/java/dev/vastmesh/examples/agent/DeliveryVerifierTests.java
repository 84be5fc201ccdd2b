package dev.vastmesh.examples.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The Standard Webhooks specification's official test vector and its negative cases. */
class DeliveryVerifierTests {

  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  static final long TIMESTAMP = 1614265330;
  static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  DeliveryVerifier at(long epochSecond) {
    return new DeliveryVerifier(SECRET, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC), Duration.ofMinutes(5));
  }

  @Test
  void theOfficialVectorVerifiesAlsoAmongOtherEntries() {
    assertThat(at(TIMESTAMP).verify(ID, Long.toString(TIMESTAMP), SIGNATURE, BODY)).isEqualTo(DeliveryVerifier.Verdict.VALID);
    assertThat(at(TIMESTAMP).verify(ID, Long.toString(TIMESTAMP),
        "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,abc " + SIGNATURE, BODY)).isEqualTo(DeliveryVerifier.Verdict.VALID);
  }

  @Test
  void wrongVersionsGarbageTamperingAndStaleTimestampsFail() {
    DeliveryVerifier verifier = at(TIMESTAMP);
    assertThat(verifier.verify(ID, Long.toString(TIMESTAMP), "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", BODY))
        .isEqualTo(DeliveryVerifier.Verdict.BAD_SIGNATURE);
    assertThat(verifier.verify(ID, Long.toString(TIMESTAMP), "invalid_signature", BODY)).isEqualTo(DeliveryVerifier.Verdict.BAD_SIGNATURE);
    assertThat(verifier.verify(ID, Long.toString(TIMESTAMP), "v1,invalid_signature", BODY)).isEqualTo(DeliveryVerifier.Verdict.BAD_SIGNATURE);
    assertThat(verifier.verify(ID, Long.toString(TIMESTAMP), SIGNATURE, "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(DeliveryVerifier.Verdict.BAD_SIGNATURE);
    assertThat(at(TIMESTAMP + 301).verify(ID, Long.toString(TIMESTAMP), SIGNATURE, BODY)).isEqualTo(DeliveryVerifier.Verdict.STALE_TIMESTAMP);
    assertThat(at(TIMESTAMP - 301).verify(ID, Long.toString(TIMESTAMP), SIGNATURE, BODY)).isEqualTo(DeliveryVerifier.Verdict.STALE_TIMESTAMP);
    assertThat(verifier.verify(null, Long.toString(TIMESTAMP), SIGNATURE, BODY)).isEqualTo(DeliveryVerifier.Verdict.MISSING_HEADERS);
  }
}
