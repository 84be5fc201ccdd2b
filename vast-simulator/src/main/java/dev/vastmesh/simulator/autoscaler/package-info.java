@NullMarked
package dev.vastmesh.simulator.autoscaler;

import org.jspecify.annotations.NullMarked;
