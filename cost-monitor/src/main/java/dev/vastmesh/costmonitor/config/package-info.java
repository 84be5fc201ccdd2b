@NullMarked
package dev.vastmesh.costmonitor.config;

import org.jspecify.annotations.NullMarked;
