@NullMarked
package dev.vastmesh.simulator.process;

import org.jspecify.annotations.NullMarked;
