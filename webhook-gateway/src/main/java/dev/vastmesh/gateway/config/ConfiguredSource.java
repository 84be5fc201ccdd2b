package dev.vastmesh.gateway.config;

import dev.vastmesh.gateway.signature.WebhookVerifier;
import java.time.Duration;

/** A source ready to use: its configuration and the verifier built from it. */
public record ConfiguredSource(String name, GatewayProperties.Source config, WebhookVerifier verifier, Duration replayWindow) {

  public String scheme() {
    return config.scheme().name().toLowerCase(java.util.Locale.ROOT);
  }
}
