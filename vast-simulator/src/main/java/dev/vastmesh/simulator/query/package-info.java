@NullMarked
package dev.vastmesh.simulator.query;

import org.jspecify.annotations.NullMarked;
