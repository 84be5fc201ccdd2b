@NullMarked
package dev.vastmesh.costmonitor.sampling;

import org.jspecify.annotations.NullMarked;
