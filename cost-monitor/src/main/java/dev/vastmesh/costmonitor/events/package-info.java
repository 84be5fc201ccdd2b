@NullMarked
package dev.vastmesh.costmonitor.events;

import org.jspecify.annotations.NullMarked;
