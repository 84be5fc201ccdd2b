/** Runs the whole control plane on one machine: every service as a real process, on embedded defaults or HA on Redis. */
@NullMarked
package dev.vastmesh.examples.controlplane;

import org.jspecify.annotations.NullMarked;
