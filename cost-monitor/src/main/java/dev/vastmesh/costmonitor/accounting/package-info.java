@NullMarked
package dev.vastmesh.costmonitor.accounting;

import org.jspecify.annotations.NullMarked;
