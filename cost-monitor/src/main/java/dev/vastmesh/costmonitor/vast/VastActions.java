package dev.vastmesh.costmonitor.vast;

import dev.vastmesh.costmonitor.budget.Actions;
import dev.vastmesh.vastai.VastClient;
import dev.vastmesh.vastai.VastException;

/** Stops and destroys with the acting key; an instance Vast no longer knows counts as done. */
public final class VastActions implements Actions {

  private final VastClient actor;

  public VastActions(VastClient actor) {
    this.actor = actor;
  }

  @Override
  public void stop(long instanceId) {
    try {
      actor.stopInstance(instanceId);
    } catch (VastException.NotFound gone) {
      // destroyed meanwhile: nothing left to stop
    }
  }

  @Override
  public void destroy(long instanceId) {
    try {
      actor.destroyInstance(instanceId);
    } catch (VastException.NotFound gone) {
      // already destroyed (by us before a restart, or by someone else)
    }
  }
}
