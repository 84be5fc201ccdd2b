package dev.vastmesh.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StandardWebhooksTests {

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
}
