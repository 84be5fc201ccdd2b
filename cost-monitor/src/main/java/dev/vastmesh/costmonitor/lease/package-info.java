@NullMarked
package dev.vastmesh.costmonitor.lease;

import org.jspecify.annotations.NullMarked;
