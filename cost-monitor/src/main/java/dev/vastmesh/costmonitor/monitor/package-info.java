@NullMarked
package dev.vastmesh.costmonitor.monitor;

import org.jspecify.annotations.NullMarked;
