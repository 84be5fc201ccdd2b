/** The demo agent: what a handler agent of the event router looks like, verifying each delivery. */
@NullMarked
package dev.vastmesh.examples.agent;

import org.jspecify.annotations.NullMarked;
