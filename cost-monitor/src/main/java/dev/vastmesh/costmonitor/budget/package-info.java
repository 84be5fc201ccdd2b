@NullMarked
package dev.vastmesh.costmonitor.budget;

import org.jspecify.annotations.NullMarked;
