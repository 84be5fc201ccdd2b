@NullMarked
package dev.vastmesh.simulator;

import org.jspecify.annotations.NullMarked;
