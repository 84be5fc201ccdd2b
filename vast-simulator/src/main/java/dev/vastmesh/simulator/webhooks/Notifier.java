package dev.vastmesh.simulator.webhooks;

/** Vast's notifications of an account, delivered to the webhooks subscribed to their key. */
public interface Notifier {

  /**
   * @param key the full key, e.g. {@code client:outbid}; the payload carries the slug after the colon
   */
  void notify(long userId, String key, String subject, String message);
}
