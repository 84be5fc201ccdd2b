package dev.vastmesh.registry.api;

/** 404: no live instance with this id (never registered, deregistered, or expired). */
public final class InstanceNotFoundException extends RuntimeException {

  private final long instanceId;

  public InstanceNotFoundException(long instanceId) {
    super("instance " + instanceId + " is not registered (or its TTL ran out): register it again", null, false, false);
    this.instanceId = instanceId;
  }

  public long instanceId() {
    return instanceId;
  }
}
