@NullMarked
package dev.vastmesh.costmonitor.vast;

import org.jspecify.annotations.NullMarked;
