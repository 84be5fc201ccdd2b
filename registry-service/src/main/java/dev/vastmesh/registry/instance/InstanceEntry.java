package dev.vastmesh.registry.instance;

/**
 * A stored instance with what must never leave the registry: the hash of its instance token.
 *
 * @param revision the store-wide change number of this entry's last write; newer wins
 */
public record InstanceEntry(RegisteredInstance instance, String tokenHash, long revision) {

  public long id() {
    return instance.instanceId();
  }

  public InstanceEntry withRevision(long newRevision) {
    return new InstanceEntry(instance, tokenHash, newRevision);
  }
}
