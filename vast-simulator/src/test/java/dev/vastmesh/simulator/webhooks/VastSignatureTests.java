package dev.vastmesh.simulator.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VastSignatureTests {

  @Test
  void signsTheReferenceVectorAsVastDoes() {
    String body = "{\"event_id\":\"7e9a2c4e6f9e4a24a53b77c2d8e3f0aa\",\"user_id\":123,\"notif_type\":\"low_credit\","
        + "\"subject\":\"Low balance\",\"message\":\"Balance below threshold.\",\"timestamp\":1772490000.123}";
    assertThat(body).hasSize(175);
    assertThat(VastSignature.sign("vast-test-secret", "1772490000", body.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("sha256=201c9b2eb40aa5b7ff085cdb5d15942e5e51281ecaaa0a214ea85a2601e105fd");
  }
}
