package dev.vastmesh.simulator.webhooks;

import org.springframework.stereotype.Component;

@Component
class WebhookDeliveries implements Notifier {

  @Override
  public void notify(long userId, String key, String subject, String message) {
  }
}
