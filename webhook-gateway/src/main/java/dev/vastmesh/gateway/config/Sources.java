package dev.vastmesh.gateway.config;

import dev.vastmesh.events.StandardWebhooks;
import dev.vastmesh.gateway.signature.GitHubVerifier;
import dev.vastmesh.gateway.signature.GitLabTokenVerifier;
import dev.vastmesh.gateway.signature.HmacTimestampVerifier;
import dev.vastmesh.gateway.signature.StandardWebhooksVerifier;
import dev.vastmesh.gateway.signature.VastVerifier;
import dev.vastmesh.gateway.signature.WebhookVerifier;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The configured sources, checked at start-up: an empty or malformed secret stops the gateway
 * with a message naming the property (never the secret), rather than failing on first use.
 */
@Component
public class Sources {

  private static final Logger log = LoggerFactory.getLogger(Sources.class);
  private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("^[a-z0-9][a-z0-9_-]{0,63}$");

  private final Map<String, ConfiguredSource> byName = new LinkedHashMap<>();

  public Sources(GatewayProperties properties, Clock clock) {
    properties.sources().forEach((name, source) -> byName.put(name, configure(name, source, clock)));
    if (byName.isEmpty()) {
      log.warn("no webhook sources are configured ({}.sources): every webhook will be answered 404", GatewayProperties.PREFIX);
    } else {
      log.info("webhook sources: {}", byName.values().stream().map(s -> s.name() + " (" + s.scheme() + ")").toList());
    }
  }

  public Optional<ConfiguredSource> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The names of every configured source, in configuration order. */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  private static ConfiguredSource configure(String name, GatewayProperties.Source source, Clock clock) {
    String property = GatewayProperties.PREFIX + ".sources." + name;
    if (!NAME.matcher(name).matches()) {
      throw new IllegalStateException(property + ": source names must match " + NAME.pattern());
    }
    for (int i = 0; i < source.secrets().size(); i++) {
      String secret = source.secrets().get(i);
      if (secret == null || secret.isBlank()) {
        throw new IllegalStateException(property + ".secrets[" + i + "] is empty");
      }
      if (source.scheme() == GatewayProperties.Scheme.STANDARD_WEBHOOKS) {
        try {
          StandardWebhooks.decodeSecret(secret);
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException(property + ".secrets[" + i + "]: " + e.getMessage());
        }
      }
    }
    WebhookVerifier verifier = switch (source.scheme()) {
      case STANDARD_WEBHOOKS -> new StandardWebhooksVerifier(source.secrets(), clock, source.tolerance());
      case GITHUB -> new GitHubVerifier(source.secrets());
      case GITLAB_TOKEN -> new GitLabTokenVerifier(source.secrets());
      case HMAC_TIMESTAMP -> new HmacTimestampVerifier(source.secrets(), clock, source.tolerance());
      case VAST -> new VastVerifier(source.secrets(), clock, source.tolerance());
    };
    Duration replayWindow = source.replayWindow() != null ? source.replayWindow() : switch (source.scheme()) {
      // Past and future halves of the timestamp window: a message cannot be replayed once the
      // cache forgets it, because its timestamp has gone stale by then.
      case STANDARD_WEBHOOKS, HMAC_TIMESTAMP -> source.tolerance().multipliedBy(2);
      // No timestamp to age out: the delivery id is all there is, so remember it for long.
      case GITHUB, GITLAB_TOKEN -> Duration.ofHours(24);
      // Vast's retries reuse the event id; whether they keep the first timestamp is not
      // documented, so a retry signed anew much later must still be caught by its id.
      case VAST -> Duration.ofHours(24);
    };
    return new ConfiguredSource(name, source, verifier, replayWindow);
  }
}
