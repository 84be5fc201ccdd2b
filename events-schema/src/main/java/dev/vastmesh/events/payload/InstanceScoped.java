package dev.vastmesh.events.payload;

/**
 * A payload about one GPU instance. Its id becomes the event's {@code subject} unless the
 * producer sets one, so consumers can order and partition by instance without reading data.
 */
public interface InstanceScoped {

  long instanceId();
}
