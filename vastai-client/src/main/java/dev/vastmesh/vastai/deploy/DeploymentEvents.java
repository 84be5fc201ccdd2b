package dev.vastmesh.vastai.deploy;

import dev.vastmesh.events.payload.DeploymentCompleted;
import dev.vastmesh.events.payload.DeploymentFailed;
import dev.vastmesh.events.payload.DeploymentStarted;
import dev.vastmesh.events.payload.InstanceCreated;

/** Where a deployment reports its lifecycle; {@link #NONE} when nobody listens. */
public interface DeploymentEvents {

  DeploymentEvents NONE = new DeploymentEvents() {
  };

  default void started(DeploymentStarted payload) {
  }

  default void instanceCreated(InstanceCreated payload) {
  }

  default void completed(DeploymentCompleted payload) {
  }

  default void failed(DeploymentFailed payload) {
  }
}
