package dev.vastmesh.router.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastmesh.events.StandardWebhooks;
import dev.vastmesh.router.config.RouterProperties;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Agent secrets are read by the Standard Webhooks rules every receiver uses. */
class RoutingConfigurationTests {

  private static RouterProperties withSecret(@Nullable String secret) {
    RouterProperties.Agent agent = new RouterProperties.Agent(URI.create("http://127.0.0.1:1/ops"), secret, Duration.ofSeconds(1),
        3, 1, Duration.ofMillis(10), Duration.ofMillis(10));
    return new RouterProperties(dev.vastmesh.support.config.StateMode.MEMORY, false,
        List.of(new RouterProperties.Route("vastai.*", List.of("ops"))), Map.of("ops", agent), List.of(),
        new RouterProperties.Circuit(5, Duration.ofSeconds(30)),
        new RouterProperties.Redis("s", "g", null, Duration.ofSeconds(30), "p:", Duration.ofSeconds(10)));
  }

  private static String secretOfOps(@Nullable String configured) {
    return new RoutingConfiguration().routingTable(withSecret(configured)).agents().get("ops").secret();
  }

  @Test
  void aSecretWithOrWithoutTheWhsecPrefixIsTakenAsConfigured() {
    assertThat(secretOfOps("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isEqualTo("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    assertThat(secretOfOps("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isEqualTo("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  }

  @Test
  void anUnusableSecretStopsStartUpNamingThePropertyNotTheSecret() {
    assertThatThrownBy(() -> secretOfOps("whsec_c2hvcnQ="))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(RouterProperties.PREFIX + ".agents.ops.secret: ")
        .hasMessageContaining("24-64 bytes").hasMessageNotContaining("c2hvcnQ");
  }

  @Test
  void noSecretGetsAFreshOne() {
    String generated = secretOfOps(null);
    assertThat(StandardWebhooks.decodeSecret(generated)).hasSize(32);
  }
}
