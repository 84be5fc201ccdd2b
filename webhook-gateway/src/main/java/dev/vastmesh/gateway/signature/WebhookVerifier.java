package dev.vastmesh.gateway.signature;

/**
 * Verifies a webhook on its raw bytes, before anything parses them. The closed family of the
 * schemes the gateway accepts; each takes its secrets (several, for rotation without downtime)
 * and, where the scheme carries a timestamp, an injected clock.
 */
public sealed interface WebhookVerifier
    permits StandardWebhooksVerifier, GitHubVerifier, GitLabTokenVerifier, HmacTimestampVerifier, VastVerifier {

  Verification verify(WebhookHeaders headers, byte[] body);
}
