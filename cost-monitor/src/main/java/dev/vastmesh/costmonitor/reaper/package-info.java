@NullMarked
package dev.vastmesh.costmonitor.reaper;

import org.jspecify.annotations.NullMarked;
