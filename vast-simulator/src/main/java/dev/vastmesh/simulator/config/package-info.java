@NullMarked
package dev.vastmesh.simulator.config;

import org.jspecify.annotations.NullMarked;
