/**
 * The instance lifecycle: register, heartbeat, deregister and read, with their events and meters,
 * and the request bodies that carry them.
 */
@NullMarked
package dev.vastmesh.registry.registration;

import org.jspecify.annotations.NullMarked;
