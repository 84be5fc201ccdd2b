package dev.vastmesh.registry.expiry;

import org.springframework.stereotype.Component;

/**
 * Whether evictions are being held. While held, expired instances stay listed and a heartbeat
 * from one renews it: when most of the fleet goes silent at once, the registry's own network is
 * the likelier failure, and wiping the registry would turn a partition into an outage.
 */
@Component
public class SelfPreservation {

  private volatile boolean active;

  public boolean active() {
    return active;
  }

  void set(boolean value) {
    active = value;
  }
}
