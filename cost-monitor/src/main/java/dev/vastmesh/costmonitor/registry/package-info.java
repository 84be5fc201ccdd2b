@NullMarked
package dev.vastmesh.costmonitor.registry;

import org.jspecify.annotations.NullMarked;
