package dev.vastmesh.costmonitor.registry;

import java.util.List;

/** The registry-service as the cost-monitor uses it: every live entry, and deregistration. */
public interface Registry {

  /** Whether a registry is configured at all; without one nothing is joined, reaped or deregistered. */
  boolean configured();

  /**
   * Every live entry, all pages.
   *
   * @throws RegistryUnavailableException when any page cannot be read or is malformed
   */
  List<RegistryEntry> entries();

  /** Removes an entry whose instance no longer exists on Vast; a 404 counts as done. */
  void deregister(long instanceId);

  /** No registry: an empty, unconfigured one. */
  Registry NONE = new Registry() {
    @Override
    public boolean configured() {
      return false;
    }

    @Override
    public List<RegistryEntry> entries() {
      return List.of();
    }

    @Override
    public void deregister(long instanceId) {
      throw new RegistryUnavailableException("no registry configured");
    }
  };
}
