/**
 * Finds the NAS on the tailnet from the local tailscaled's LocalAPI over its unix socket.
 */
@NullMarked
package dev.vastmesh.storage.tailscale;

import org.jspecify.annotations.NullMarked;
