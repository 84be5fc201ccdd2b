@NullMarked
package dev.vastmesh.simulator.billing;

import org.jspecify.annotations.NullMarked;
