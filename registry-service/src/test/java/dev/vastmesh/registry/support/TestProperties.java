package dev.vastmesh.registry.support;

import dev.vastmesh.registry.config.RegistryProperties;
import dev.vastmesh.support.config.StateMode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Registry properties with the documented defaults, for tests without a Spring context. */
public final class TestProperties {

  private TestProperties() {
  }

  public static RegistryProperties defaults() {
    return withEvents(events(null, 10_000));
  }

  public static RegistryProperties.Events events(@Nullable URI routerUrl, int bufferSize) {
    return new RegistryProperties.Events(RegistryProperties.Transport.AUTO, "vastmesh:events", routerUrl, "router-secret", bufferSize, 4, Duration.ofMillis(10),
        Duration.ofMillis(50), RegistryProperties.HeartbeatEvents.OFF, 0.0);
  }

  public static RegistryProperties withEvents(RegistryProperties.Events events) {
    return new RegistryProperties(StateMode.MEMORY,
        new RegistryProperties.Ttl(Duration.ofSeconds(300), Duration.ofSeconds(10), Duration.ofSeconds(3600)),
        new RegistryProperties.Expiry(Duration.ofSeconds(5), 1000, 0.5, 10, Duration.ofMinutes(5)),
        new RegistryProperties.Watch(Duration.ofMinutes(5), Duration.ofMinutes(5)),
        new RegistryProperties.Listing(100, 1000),
        new RegistryProperties.Security(List.of(), false), events,
        new RegistryProperties.Redis("vastmesh:registry:", 100_000, Duration.ofSeconds(2)),
        new RegistryProperties.Discovery(3000, "/actuator/prometheus"));
  }
}
