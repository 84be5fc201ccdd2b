@NullMarked
package dev.vastmesh.simulator.faults;

import org.jspecify.annotations.NullMarked;
