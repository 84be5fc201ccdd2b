@NullMarked
package dev.vastmesh.costmonitor.api;

import org.jspecify.annotations.NullMarked;
