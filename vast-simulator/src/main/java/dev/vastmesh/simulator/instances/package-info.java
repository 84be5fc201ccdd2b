@NullMarked
package dev.vastmesh.simulator.instances;

import org.jspecify.annotations.NullMarked;
