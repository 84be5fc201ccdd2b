package dev.vastmesh.registry.registration;

import dev.vastmesh.support.problem.Problem;
import org.springframework.http.HttpStatus;

/** 404: no live instance with this id (never registered, deregistered, or expired). */
public final class InstanceNotFoundException extends Problem {

  private final long instanceId;

  public InstanceNotFoundException(long instanceId) {
    super(HttpStatus.NOT_FOUND, "instance-not-found", "Instance not found",
        "instance " + instanceId + " is not registered (or its TTL ran out): register it again");
    this.instanceId = instanceId;
    property("instance_id", instanceId);
  }

  public long instanceId() {
    return instanceId;
  }
}
