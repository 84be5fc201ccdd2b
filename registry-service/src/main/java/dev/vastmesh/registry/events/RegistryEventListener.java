package dev.vastmesh.registry.events;

import dev.vastmesh.events.EventEnvelope;

/**
 * An in-process listener for the registry's events, called for each event as it happens.
 * Declare a bean of this type; it is called on the thread that made the change, so it must be
 * quick and must not throw (a throw is logged and ignored).
 */
@FunctionalInterface
public interface RegistryEventListener {

  void onEvent(EventEnvelope event);
}
