@NullMarked
package dev.vastmesh.costmonitor.store;

import org.jspecify.annotations.NullMarked;
