@NullMarked
package dev.vastmesh.simulator.admin;

import org.jspecify.annotations.NullMarked;
