@NullMarked
package dev.vastmesh.gateway.handoff;

import org.jspecify.annotations.NullMarked;
