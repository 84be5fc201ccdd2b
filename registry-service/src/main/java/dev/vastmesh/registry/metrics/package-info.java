@NullMarked
package dev.vastmesh.registry.metrics;

import org.jspecify.annotations.NullMarked;
