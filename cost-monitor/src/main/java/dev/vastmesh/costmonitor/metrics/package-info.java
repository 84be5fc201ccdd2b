@NullMarked
package dev.vastmesh.costmonitor.metrics;

import org.jspecify.annotations.NullMarked;
