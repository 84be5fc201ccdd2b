@NullMarked
package dev.vastmesh.simulator.offers;

import org.jspecify.annotations.NullMarked;
