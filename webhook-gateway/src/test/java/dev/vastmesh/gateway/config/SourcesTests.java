package dev.vastmesh.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastmesh.support.config.StateMode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A source whose secret is unusable stops the gateway at start-up, naming the property, never the secret. */
class SourcesTests {

  private static GatewayProperties properties(String name, GatewayProperties.Scheme scheme, List<String> secrets) {
    GatewayProperties.Source source = new GatewayProperties.Source(scheme, secrets, Duration.ofSeconds(300), null, 100,
        1_048_576, new GatewayProperties.TriggerId(null, null, null), null);
    return new GatewayProperties(StateMode.MEMORY, GatewayProperties.Handoff.AUTO, Map.of(name, source),
        new GatewayProperties.Router(java.net.URI.create("http://127.0.0.1:3006"), null, Duration.ofSeconds(5)),
        new GatewayProperties.Redis("vastmesh:gateway:", "vastmesh:events"), new GatewayProperties.Flood(600));
  }

  @Test
  void emptySecretFailsNamingTheProperty() {
    assertThatThrownBy(() -> new Sources(properties("ci", GatewayProperties.Scheme.GITHUB, List.of("ok-secret", " ")), Clock.systemUTC()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("vastmesh.gateway.sources.ci.secrets[1] is empty");
  }

  @Test
  void malformedStandardWebhooksSecretFailsWithoutShowingIt() {
    assertThatThrownBy(() -> new Sources(properties("ci", GatewayProperties.Scheme.STANDARD_WEBHOOKS,
        List.of("whsec_c2VjcmV0LXZhbHVl")), Clock.systemUTC()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("vastmesh.gateway.sources.ci.secrets[0]: ")
        .hasMessageNotContaining("c2VjcmV0LXZhbHVl");
  }

  @Test
  void badSourceNameFails() {
    assertThatThrownBy(() -> new Sources(properties("CI Hooks", GatewayProperties.Scheme.GITHUB, List.of("s")), Clock.systemUTC()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("source names must match");
  }

  @Test
  void replayWindowsDefaultToTheWholeTimestampWindowOrADay() {
    Sources timestamped = new Sources(properties("ci", GatewayProperties.Scheme.HMAC_TIMESTAMP, List.of("s")), Clock.systemUTC());
    Sources github = new Sources(properties("gh", GatewayProperties.Scheme.GITHUB, List.of("s")), Clock.systemUTC());

    assertThat(timestamped.find("ci").orElseThrow().replayWindow()).isEqualTo(Duration.ofSeconds(600));
    assertThat(github.find("gh").orElseThrow().replayWindow()).isEqualTo(Duration.ofHours(24));
    assertThat(github.find("gh").orElseThrow().config().toString()).doesNotContain("s]").contains("redacted");
  }
}
