package dev.vastmesh.router.delivery;

import dev.vastmesh.events.StandardWebhooks;

/** Signs deliveries the Standard Webhooks way with the agent's secret. */
final class Signer {

  private final StandardWebhooks signer;

  Signer(String whsecSecret) {
    this.signer = StandardWebhooks.forSecret(whsecSecret);
  }

  String sign(String id, long timestamp, byte[] body) {
    return signer.sign(id, timestamp, body);
  }
}
