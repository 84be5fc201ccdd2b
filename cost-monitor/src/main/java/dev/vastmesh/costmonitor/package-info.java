/** Spend measured from Vast, cost events, budgets that act, and an orphan reaper. */
@NullMarked
package dev.vastmesh.costmonitor;

import org.jspecify.annotations.NullMarked;
